package cn.canbao.enrollment.enrollment;

import java.sql.Types;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.canbao.enrollment.assessment.Assessment;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;

/**
 * The enrollment's current assessment is its row in {@code assessment_result} (V32), the same row the subsidy
 * engine's batch run rebuilds per county and year. A single assessment writes it under the county-year lock the
 * batch run holds, so a run never overwrites it with what it read before, and it never lands in a table the run
 * is about to replace.
 */
@Repository
public class AssessmentResultRepository {

    /** The advisory lock key of a county and year; the batch run takes the same one. */
    public static String lockKey(String countyCode, int coverageYear) {
        return "assessment_result " + countyCode + " " + coverageYear;
    }

    private final JdbcClient jdbc;

    public AssessmentResultRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits for a batch run of the county and year, then holds it off until commit. A transaction that will save an
     * assessment takes this before it reads {@code enrollment_with_assessment}: a run's swap detaches the year's
     * partition, which waits for every reader of the year, so a reader that then waited here would deadlock it.
     */
    public void lock(String countyCode, int coverageYear) {
        jdbc.sql("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                .param("key", lockKey(countyCode, coverageYear)).query(Long.class).single();
    }

    /**
     * Stores an accepted assessment as the enrollment's current one. Its input fingerprint is 0 (it matches no
     * input), so the next batch run assesses the enrollment again and lists it only if the amounts differ.
     */
    public void save(Enrollment enrollment, Assessment assessment) {
        lock(enrollment.countyCode(), enrollment.coverageYear());
        jdbc.sql("SELECT assessment_result_partition(:year, :county)::text")
                .param("year", enrollment.coverageYear()).param("county", enrollment.countyCode()).query(String.class).single();
        jdbc.sql("""
                INSERT INTO assessment_result (coverage_year, county_code, enrollment_id, region_code, policy_version,
                    input_fingerprint, accepted, standard_fen, personal_due_fen, subsidy_mode, rule_id, deciding_identity,
                    medical_assistance_fund_fen, disabled_persons_federation_fen, rural_revitalization_bureau_fen,
                    veterans_affairs_bureau_fen, government_fen, county_finance_fen, refund_due_fen, person_paid)
                VALUES (:year, :county, :id, :region, :policy, 0, true, :standard, :due, :mode, :rule, :identity,
                    :maf, :dpf, :rrb, :vab, :gov, :cf, :refund, :paid)
                ON CONFLICT (coverage_year, county_code, enrollment_id) DO UPDATE SET
                    region_code = EXCLUDED.region_code, policy_version = EXCLUDED.policy_version, input_fingerprint = 0,
                    accepted = true, rejection_reason = NULL, standard_fen = EXCLUDED.standard_fen,
                    personal_due_fen = EXCLUDED.personal_due_fen, subsidy_mode = EXCLUDED.subsidy_mode,
                    rule_id = EXCLUDED.rule_id, deciding_identity = EXCLUDED.deciding_identity,
                    medical_assistance_fund_fen = EXCLUDED.medical_assistance_fund_fen,
                    disabled_persons_federation_fen = EXCLUDED.disabled_persons_federation_fen,
                    rural_revitalization_bureau_fen = EXCLUDED.rural_revitalization_bureau_fen,
                    veterans_affairs_bureau_fen = EXCLUDED.veterans_affairs_bureau_fen,
                    government_fen = EXCLUDED.government_fen, county_finance_fen = EXCLUDED.county_finance_fen,
                    refund_due_fen = EXCLUDED.refund_due_fen, person_paid = EXCLUDED.person_paid, run_id = NULL,
                    assessed_at = now()
                """)
                .param("year", enrollment.coverageYear()).param("county", enrollment.countyCode())
                .param("id", enrollment.id()).param("region", enrollment.regionCode())
                .param("policy", assessment.policyVersion()).param("standard", assessment.standard().fen())
                .param("due", assessment.personalDue().fen())
                .param("mode", assessment.mode() == null ? null : assessment.mode().name(), Types.VARCHAR)
                .param("rule", assessment.schemeId(), Types.VARCHAR)
                .param("identity", assessment.decidingIdentity() == null ? null : assessment.decidingIdentity().name(), Types.VARCHAR)
                .param("maf", part(assessment, Funder.MEDICAL_ASSISTANCE_FUND))
                .param("dpf", part(assessment, Funder.DISABLED_PERSONS_FEDERATION))
                .param("rrb", part(assessment, Funder.RURAL_REVITALIZATION_BUREAU))
                .param("vab", part(assessment, Funder.VETERANS_AFFAIRS_BUREAU))
                .param("gov", part(assessment, Funder.GOVERNMENT))
                .param("cf", part(assessment, Funder.COUNTY_FINANCE))
                .param("refund", assessment.refundDue().fen())
                .param("paid", enrollment.status().paid())
                .update();
    }

    private static long part(Assessment assessment, Funder funder) {
        return assessment.subsidies().getOrDefault(funder, Money.ZERO).fen();
    }
}
