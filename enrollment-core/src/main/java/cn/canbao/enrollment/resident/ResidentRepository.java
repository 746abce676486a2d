package cn.canbao.enrollment.resident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.IdentityDocument;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;

/** Residents and households in PostgreSQL, through plain SQL (see docs/enrollment.md for why not JPA). */
@Repository
public class ResidentRepository {

    private static final String COLUMNS = """
            id, person_key, name, document_type, document_number, sex, birth_date, household_id, relation_to_head,
            hukou_region_code, region_code, county_code, category, phone, school, died_on, version""";

    static final RowMapper<Resident> RESIDENT = ResidentRepository::mapResident;

    private final JdbcClient jdbc;

    public ResidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Resident mapResident(ResultSet rs, int row) throws SQLException {
        String sex = rs.getString("sex");
        return new Resident(rs.getLong("id"), new PersonKey(rs.getString("person_key")), rs.getString("name"),
                new IdentityDocument(DocumentType.valueOf(rs.getString("document_type")), rs.getString("document_number")),
                sex == null ? null : Sex.fromCode(sex), rs.getObject("birth_date", LocalDate.class),
                rs.getObject("household_id", Long.class), rs.getString("relation_to_head"),
                rs.getString("hukou_region_code"), rs.getString("region_code"), rs.getString("county_code"),
                ParticipantCategory.valueOf(rs.getString("category")), rs.getString("phone"), rs.getString("school"),
                rs.getObject("died_on", LocalDate.class), rs.getInt("version"));
    }

    public Optional<Resident> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM resident WHERE id = :id").param("id", id).query(RESIDENT).optional();
    }

    public Optional<Resident> findByPersonKey(PersonKey key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM resident WHERE person_key = :key").param("key", key.value())
                .query(RESIDENT).optional();
    }

    /**
     * Stores a new resident in one statement and returns the stored row, or nothing when the person key is taken or the
     * region is not in {@code region} (the caller asks which; both are rare, the insert is the common case).
     */
    public Optional<Resident> insertIfNew(ResidentForm.Valid v) {
        return jdbc.sql("""
                INSERT INTO resident (person_key, name, document_type, document_number, sex, birth_date, household_id,
                    relation_to_head, hukou_region_code, region_code, county_code, category, phone, school, died_on)
                SELECT :key, :name, :docType, :docNumber, :sex, :birth, :household, :relation, :hukou, :region, :county,
                    :category, :phone, :school, :diedOn
                WHERE EXISTS (SELECT 1 FROM region WHERE code = :region)
                ON CONFLICT (person_key) DO NOTHING
                RETURNING\s""" + COLUMNS)
                .paramSource(params(v))
                .query(RESIDENT)
                .optional();
    }

    /** Applies the form if the version still matches; false when someone else changed the row meanwhile. */
    public boolean update(long id, int expectedVersion, ResidentForm.Valid v) {
        var params = params(v);
        params.addValue("id", id).addValue("version", expectedVersion);
        return jdbc.sql("""
                UPDATE resident SET person_key = :key, name = :name, document_type = :docType, document_number = :docNumber,
                    sex = :sex, birth_date = :birth, household_id = :household, relation_to_head = :relation,
                    hukou_region_code = :hukou, region_code = :region, county_code = :county, category = :category,
                    phone = :phone, school = :school, died_on = :diedOn, updated_at = now(), version = version + 1
                WHERE id = :id AND version = :version
                """).paramSource(params).update() == 1;
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(ResidentForm.Valid v) {
        var p = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource();
        p.addValue("key", v.personKey().value());
        p.addValue("name", v.name());
        p.addValue("docType", v.document().type().name());
        p.addValue("docNumber", v.document().number());
        p.addValue("sex", v.sex() == null ? null : v.sex().code(), Types.CHAR);
        p.addValue("birth", v.birthDate(), Types.DATE);
        p.addValue("household", v.householdId(), Types.BIGINT);
        p.addValue("relation", v.relationToHead(), Types.VARCHAR);
        p.addValue("hukou", v.hukouRegionCode(), Types.VARCHAR);
        p.addValue("region", v.region().value());
        p.addValue("county", v.region().county().orElseThrow().value());
        p.addValue("category", v.category().name());
        p.addValue("phone", v.phone(), Types.VARCHAR);
        p.addValue("school", v.school(), Types.VARCHAR);
        p.addValue("diedOn", v.diedOn(), Types.DATE);
        return p;
    }

    public Slice<Resident> search(ResidentQuery query, RegionCode scope, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM resident WHERE region_code LIKE :scope");
        var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("scope", scope.likePattern());
        if (query.name() != null && !query.name().isBlank()) {
            sql.append(" AND name LIKE :name");
            params.addValue("name", escapeLike(query.name().strip()) + "%");
        }
        if (query.documentNumber() != null && !query.documentNumber().isBlank()) {
            sql.append(" AND document_number = :doc");
            params.addValue("doc", query.documentNumber().strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (query.category() != null) {
            sql.append(" AND category = :category");
            params.addValue("category", query.category().name());
        }
        if (query.householdId() != null) {
            sql.append(" AND household_id = :household");
            params.addValue("household", query.householdId());
        }
        sql.append(" ORDER BY id LIMIT :limit OFFSET :offset");
        params.addValue("limit", size + 1).addValue("offset", (long) page * size);
        List<Resident> rows = new ArrayList<>(jdbc.sql(sql.toString()).paramSource(params).query(RESIDENT).list());
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        return new Slice<>(rows, page, size, more);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public List<Resident> householdMembers(long householdId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM resident WHERE household_id = :id ORDER BY birth_date NULLS LAST, id")
                .param("id", householdId).query(RESIDENT).list();
    }

    public boolean regionExists(String code) {
        return jdbc.sql("SELECT count(*) FROM region WHERE code = :code").param("code", code).query(Long.class).single() > 0;
    }

    public long insertHousehold(String householdNumber, RegionCode region, String address) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO household (household_number, region_code, county_code, address) VALUES (:number, :region, :county, :address)")
                .param("number", householdNumber, Types.VARCHAR)
                .param("region", region.value())
                .param("county", region.county().orElseThrow().value())
                .param("address", address, Types.VARCHAR)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Household> findHousehold(long id) {
        return jdbc.sql("SELECT id, household_number, region_code, county_code, address, version FROM household WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Household(rs.getLong("id"), rs.getString("household_number"), rs.getString("region_code"),
                        rs.getString("county_code"), rs.getString("address"), rs.getInt("version")))
                .optional();
    }
}
