package cn.canbao.enrollment.enrollment;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

@Repository
public class RefundRepository {

    private static final RowMapper<RefundRequest> MAPPER = (rs, n) -> new RefundRequest(rs.getLong("id"),
            RefundRequest.Kind.valueOf(rs.getString("kind")), rs.getLong("enrollment_id"), rs.getInt("coverage_year"),
            rs.getString("region_code"), rs.getLong("resident_id"), rs.getString("reason"), Money.ofFen(rs.getLong("amount_fen")),
            RefundRequest.Status.valueOf(rs.getString("status")), rs.getObject("requested_at", OffsetDateTime.class),
            rs.getString("requested_by"), rs.getString("policy_version"), rs.getObject("decided_at", OffsetDateTime.class),
            rs.getString("decided_by"), rs.getString("decision_reason"));

    private final JdbcClient jdbc;

    public RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(RefundRequest.Kind kind, Enrollment enrollment, String reason, Money amount, OffsetDateTime requestedAt,
            String requestedBy, String policyVersion) {
        return jdbc.sql("""
                INSERT INTO refund_request (kind, enrollment_id, coverage_year, county_code, region_code, resident_id, reason,
                    amount_fen, status, requested_at, requested_by, policy_version)
                VALUES (:kind, :enrollment, :year, :county, :region, :resident, :reason, :amount, 'REQUESTED', :at, :by, :policy)
                RETURNING id
                """)
                .param("kind", kind.name()).param("enrollment", enrollment.id()).param("year", enrollment.coverageYear())
                .param("county", enrollment.countyCode()).param("region", enrollment.regionCode())
                .param("resident", enrollment.residentId()).param("reason", reason).param("amount", amount.fen())
                .param("at", requestedAt).param("by", requestedBy).param("policy", policyVersion, Types.VARCHAR)
                .query(Long.class).single();
    }

    public Optional<RefundRequest> lock(long id) {
        return jdbc.sql("SELECT * FROM refund_request WHERE id = :id FOR UPDATE").param("id", id).query(MAPPER).optional();
    }

    public void decide(long id, RefundRequest.Status status, Money amount, String decidedBy, String reason, String policyVersion) {
        jdbc.sql("""
                UPDATE refund_request SET status = :status, amount_fen = :amount, decided_at = now(), decided_by = :by,
                    decision_reason = :reason, policy_version = coalesce(:policy, policy_version)
                WHERE id = :id
                """)
                .param("status", status.name()).param("amount", amount.fen()).param("by", decidedBy)
                .param("reason", reason).param("policy", policyVersion, Types.VARCHAR).param("id", id).update();
    }

    public List<RefundRequest> ofEnrollment(long enrollmentId, int coverageYear) {
        return jdbc.sql("SELECT * FROM refund_request WHERE enrollment_id = :id AND coverage_year = :year ORDER BY id")
                .param("id", enrollmentId).param("year", coverageYear).query(MAPPER).list();
    }

    /** Settlement amounts already listed (not rejected) for an enrollment. */
    public Money openSettlementTotal(long enrollmentId, int coverageYear) {
        Long fen = jdbc.sql("""
                SELECT coalesce(sum(amount_fen), 0) FROM refund_request
                WHERE enrollment_id = :id AND coverage_year = :year AND kind = 'SETTLEMENT' AND status <> 'REJECTED'
                """).param("id", enrollmentId).param("year", coverageYear).query(Long.class).single();
        return Money.ofFen(fen);
    }

    /** The refund/settlement list of a region for a year, optionally only one status. */
    public List<RefundRequest> list(RegionCode scope, int coverageYear, RefundRequest.Status status, int limit) {
        return jdbc.sql("""
                SELECT * FROM refund_request WHERE region_code LIKE :scope AND coverage_year = :year
                  AND (CAST(:status AS varchar) IS NULL OR status = :status)
                ORDER BY id LIMIT :limit
                """)
                .param("scope", scope.likePattern()).param("year", coverageYear)
                .param("status", status == null ? null : status.name(), Types.VARCHAR).param("limit", limit)
                .query(MAPPER).list();
    }
}
