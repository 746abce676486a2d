package cn.canbao.enrollment.identity;

import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.policy.Identity;

/**
 * person_identity: insert-only (the database refuses UPDATE and DELETE). Statements are found by person
 * key, so a roster statement imported before the person registered applies to them once they do: through the
 * index on the key's number ({@link PersonKey#number()}, V82), with the key itself to tell apart the few people
 * whose numbers are alike.
 */
@Repository
public class IdentityRepository {

    private static final RowMapper<PersonIdentity> MAPPER = (rs, n) -> new PersonIdentity(rs.getObject("id", Long.class),
            rs.getInt("coverage_year"), Identity.valueOf(rs.getString("identity")),
            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class), rs.getString("source"),
            rs.getObject("roster_import_id", Long.class), rs.getObject("source_line", Long.class), rs.getString("source_file"),
            rs.getObject("source_date", LocalDate.class), rs.getString("recorded_by"),
            rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("note"));

    private final JdbcClient jdbc;

    public IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ordering of a person's statements by when they were recorded (an import's lines in file order). */
    private static final String RECORDED_ORDER = "recorded_at, roster_import_id NULLS FIRST, source_line, id";

    public long insertManual(PersonKey personKey, String name, String regionCode, String countyCode, int coverageYear,
            Identity identity, LocalDate validFrom, LocalDate validTo, LocalDate sourceDate, String recordedBy, String note) {
        return jdbc.sql("""
                INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, name, region_code, identity,
                    valid_from, valid_to, source, source_date, recorded_by, note)
                VALUES (:year, :county, :key, :number, :name, :region, :identity, :from, :to, 'MANUAL', :sourceDate, :by, :note)
                RETURNING id
                """)
                .param("year", coverageYear).param("county", countyCode).param("key", personKey.value())
                .param("number", personKey.number()).param("name", name)
                .param("region", regionCode)
                .param("identity", identity.name()).param("from", validFrom).param("to", validTo, Types.DATE)
                .param("sourceDate", sourceDate).param("by", recordedBy).param("note", note, Types.VARCHAR)
                .query(Long.class).single();
    }

    /** Every recorded statement about the person, newest first: the full history. */
    public List<PersonIdentity> history(PersonKey personKey) {
        return jdbc.sql("""
                SELECT * FROM person_identity WHERE person_number = :number AND person_key = :key
                ORDER BY coverage_year DESC, recorded_at DESC, roster_import_id DESC NULLS LAST, source_line DESC, id DESC
                """).param("number", personKey.number()).param("key", personKey.value()).query(MAPPER).list();
    }

    /** For each identity of the year, the latest recorded row (the one in force as a statement). */
    public List<PersonIdentity> latestPerIdentity(PersonKey personKey, int coverageYear) {
        Map<Identity, PersonIdentity> latest = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM person_identity WHERE person_number = :number AND person_key = :key AND coverage_year = :year"
                        + " ORDER BY " + RECORDED_ORDER)
                .param("number", personKey.number()).param("key", personKey.value()).param("year", coverageYear).query(MAPPER).list()
                .forEach(row -> latest.put(row.identity(), row));
        return new ArrayList<>(latest.values());
    }

    /**
     * The identities that count for an assessment made on {@code date} for the coverage year in a county: the latest
     * statement per identity among those of that county's rosters and staff. A subsidy is paid by the county's own
     * funders on its own departments' rosters, and the batch assessment reads the same statements.
     */
    public Set<Identity> inForce(PersonKey personKey, String countyCode, int coverageYear, LocalDate date) {
        Map<Identity, PersonIdentity> latest = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM person_identity WHERE person_number = :number AND person_key = :key AND coverage_year = :year"
                        + " AND county_code = :county ORDER BY " + RECORDED_ORDER)
                .param("number", personKey.number()).param("key", personKey.value()).param("year", coverageYear)
                .param("county", countyCode).query(MAPPER).list()
                .forEach(row -> latest.put(row.identity(), row));
        Set<Identity> result = EnumSet.noneOf(Identity.class);
        for (PersonIdentity row : latest.values()) {
            if (row.countsFor(date, coverageYear)) {
                result.add(row.identity());
            }
        }
        return result;
    }
}
