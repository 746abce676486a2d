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

import cn.canbao.policy.Identity;

/** person_identity: insert-only (the database refuses UPDATE and DELETE). */
@Repository
public class IdentityRepository {

    private static final RowMapper<PersonIdentity> MAPPER = (rs, n) -> new PersonIdentity(rs.getLong("id"),
            rs.getLong("resident_id"), rs.getInt("coverage_year"), Identity.valueOf(rs.getString("identity")),
            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class), rs.getString("source"),
            rs.getObject("roster_import_id", Long.class), rs.getObject("source_line", Long.class), rs.getString("source_file"),
            rs.getObject("source_date", LocalDate.class), rs.getString("recorded_by"),
            rs.getObject("recorded_at", OffsetDateTime.class), rs.getString("note"));

    private final JdbcClient jdbc;

    public IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertManual(long residentId, String countyCode, int coverageYear, Identity identity, LocalDate validFrom,
            LocalDate validTo, LocalDate sourceDate, String recordedBy, String note) {
        return jdbc.sql("""
                INSERT INTO person_identity (coverage_year, county_code, resident_id, identity, valid_from, valid_to, source,
                    source_date, recorded_by, note)
                VALUES (:year, :county, :resident, :identity, :from, :to, 'MANUAL', :sourceDate, :by, :note)
                RETURNING id
                """)
                .param("year", coverageYear).param("county", countyCode).param("resident", residentId)
                .param("identity", identity.name()).param("from", validFrom).param("to", validTo, Types.DATE)
                .param("sourceDate", sourceDate).param("by", recordedBy).param("note", note, Types.VARCHAR)
                .query(Long.class).single();
    }

    /** Every recorded row of the resident, newest first: the full history. */
    public List<PersonIdentity> history(long residentId) {
        return jdbc.sql("SELECT * FROM person_identity WHERE resident_id = :id ORDER BY coverage_year DESC, id DESC")
                .param("id", residentId).query(MAPPER).list();
    }

    /** For each identity of the year, the latest recorded row (the one in force as a statement). */
    public List<PersonIdentity> latestPerIdentity(long residentId, int coverageYear) {
        Map<Identity, PersonIdentity> latest = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM person_identity WHERE resident_id = :id AND coverage_year = :year ORDER BY id")
                .param("id", residentId).param("year", coverageYear).query(MAPPER).list()
                .forEach(row -> latest.put(row.identity(), row));
        return new ArrayList<>(latest.values());
    }

    /** The identities that count for an assessment made on {@code date} for the coverage year. */
    public Set<Identity> inForce(long residentId, int coverageYear, LocalDate date) {
        Set<Identity> result = EnumSet.noneOf(Identity.class);
        for (PersonIdentity row : latestPerIdentity(residentId, coverageYear)) {
            if (row.countsFor(date, coverageYear)) {
                result.add(row.identity());
            }
        }
        return result;
    }
}
