package cn.canbao.enrollment.enrollment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;

@Repository
public class EnrollmentRepository {

    static final RowMapper<Enrollment> MAPPER = EnrollmentRepository::map;

    private final JdbcClient jdbc;

    public EnrollmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        long fen = rs.getLong(column);
        return rs.wasNull() ? null : Money.ofFen(fen);
    }

    private static Enrollment map(ResultSet rs, int n) throws SQLException {
        String endReason = rs.getString("end_reason");
        return new Enrollment(rs.getLong("id"), rs.getInt("coverage_year"), rs.getString("county_code"),
                rs.getString("region_code"), rs.getLong("resident_id"), rs.getString("person_key"),
                ParticipantCategory.valueOf(rs.getString("category")), EnrollmentFlow.valueOf(rs.getString("flow")),
                rs.getString("school"), EnrollmentStatus.valueOf(rs.getString("status")),
                rs.getObject("registered_at", OffsetDateTime.class), rs.getString("registered_by"),
                rs.getString("policy_version"), rs.getObject("assessed_at", OffsetDateTime.class),
                money(rs, "personal_due_fen"), money(rs, "subsidy_fen"), rs.getObject("paid_at", OffsetDateTime.class),
                money(rs, "paid_fen"), rs.getString("payment_reference"), rs.getObject("coverage_start", LocalDate.class),
                rs.getObject("coverage_end", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
                endReason == null ? null : EndReason.valueOf(endReason), rs.getString("end_note"), rs.getInt("version"));
    }

    public Optional<Enrollment> find(long id, int coverageYear) {
        return jdbc.sql("SELECT * FROM enrollment_with_assessment WHERE id = :id AND coverage_year = :year")
                .param("id", id).param("year", coverageYear).query(MAPPER).optional();
    }

    /** Locks the row for a state change, then reads it with its current assessment. */
    public Optional<Enrollment> lock(long id, int coverageYear) {
        boolean found = jdbc.sql("SELECT id FROM enrollment WHERE id = :id AND coverage_year = :year FOR UPDATE")
                .param("id", id).param("year", coverageYear).query(Long.class).optional().isPresent();
        return found ? find(id, coverageYear) : Optional.empty();
    }

    public Optional<Enrollment> findActive(String personKey, int coverageYear) {
        return jdbc.sql("""
                SELECT * FROM enrollment_with_assessment WHERE person_key = :key AND coverage_year = :year
                  AND status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
                """).param("key", personKey).param("year", coverageYear).query(MAPPER).optional();
    }

    public List<Enrollment> ofResident(long residentId) {
        return jdbc.sql("SELECT * FROM enrollment_with_assessment WHERE resident_id = :id ORDER BY coverage_year DESC, id DESC")
                .param("id", residentId).query(MAPPER).list();
    }

    /** The county of an enrollment, read from the table itself (not the assessment view). */
    public Optional<String> countyOf(long id, int coverageYear) {
        return jdbc.sql("SELECT county_code FROM enrollment WHERE id = :id AND coverage_year = :year")
                .param("id", id).param("year", coverageYear).query(String.class).optional();
    }

    /** The county of a person's active enrollment, read from the table itself (not the assessment view). */
    public Optional<String> activeCountyOf(String personKey, int coverageYear) {
        return jdbc.sql("""
                SELECT county_code FROM enrollment WHERE person_key = :key AND coverage_year = :year
                  AND status IN ('REGISTERED', 'PAID', 'COVERED')
                """).param("key", personKey).param("year", coverageYear).query(String.class).optional();
    }

    public boolean paidIn(long residentId, int coverageYear) {
        return jdbc.sql("""
                SELECT count(*) FROM enrollment WHERE resident_id = :id AND coverage_year = :year AND paid_fen IS NOT NULL
                """).param("id", residentId).param("year", coverageYear).query(Long.class).single() > 0;
    }

    public void savePayment(long id, int year, EnrollmentStatus status, OffsetDateTime paidAt, Money paid, String reference,
            LocalDate coverageStart, LocalDate coverageEnd) {
        jdbc.sql("""
                UPDATE enrollment SET status = :status, paid_at = :paidAt, paid_fen = :paid, payment_reference = :ref,
                    coverage_start = :start, coverage_end = :end, version = version + 1
                WHERE id = :id AND coverage_year = :year
                """)
                .param("status", status.name()).param("paidAt", paidAt).param("paid", paid.fen())
                .param("ref", reference, Types.VARCHAR).param("start", coverageStart).param("end", coverageEnd)
                .param("id", id).param("year", year).update();
    }

    /** Undoes a recorded payment: back to registered (assessed, by its current assessment), without payment or coverage dates. */
    public void clearPayment(long id, int year) {
        jdbc.sql("""
                UPDATE enrollment SET status = 'REGISTERED', paid_at = NULL, paid_fen = NULL, payment_reference = NULL,
                    coverage_start = NULL, coverage_end = NULL, version = version + 1
                WHERE id = :id AND coverage_year = :year
                """).param("id", id).param("year", year).update();
    }

    public void saveEnd(long id, int year, EnrollmentStatus status, LocalDate endedOn, EndReason reason, String note) {
        jdbc.sql("""
                UPDATE enrollment SET status = :status, ended_on = :endedOn, end_reason = :reason, end_note = :note,
                    version = version + 1
                WHERE id = :id AND coverage_year = :year
                """)
                .param("status", status.name()).param("endedOn", endedOn).param("reason", reason.name())
                .param("note", note, Types.VARCHAR).param("id", id).param("year", year).update();
    }

    /** PAID enrollments within the region whose coverage has begun become COVERED; returns how many. */
    public int startDueCoverage(RegionCode region, LocalDate today) {
        return jdbc.sql("""
                UPDATE enrollment SET status = 'COVERED', version = version + 1
                WHERE status = 'PAID' AND coverage_start <= :today AND coverage_year >= :year - 1
                  AND region_code LIKE :scope
                """).param("today", today).param("year", today.getYear()).param("scope", region.likePattern()).update();
    }

    /** Where the active enrollment of this person is, for the duplicate-enrollment message. */
    public record ActiveElsewhere(String place, EnrollmentStatus status) {
    }

    public Optional<ActiveElsewhere> describeActive(String personKey, int coverageYear) {
        return jdbc.sql("""
                SELECT coalesce(c.name, e.county_code)
                       || coalesce(CASE WHEN r.code <> coalesce(c.code, '') THEN r.name END, '') AS place, e.status
                FROM enrollment_with_assessment e
                JOIN region r ON r.code = e.region_code
                LEFT JOIN region c ON c.code = e.county_code
                WHERE e.person_key = :key AND e.coverage_year = :year AND e.status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
                """).param("key", personKey).param("year", coverageYear)
                .query((rs, n) -> new ActiveElsewhere(rs.getString("place"), EnrollmentStatus.valueOf(rs.getString("status"))))
                .optional();
    }
}
