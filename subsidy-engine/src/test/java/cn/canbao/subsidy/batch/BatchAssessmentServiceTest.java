package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.support.Population;
import cn.canbao.subsidy.support.SubsidyTestConfiguration;

@SpringBootTest(classes = SubsidyTestConfiguration.class)
class BatchAssessmentServiceTest {

    private static final RegionCode HUAIYUAN = RegionCode.of("340321");
    private static final String LIUCHENG = "340321100000";
    private static final Actor STAFF = new Actor("huaiyuan-staff", HUAIYUAN, "127.0.0.1");
    private static final LocalDate REGISTERED = LocalDate.of(2024, 10, 8);

    @Autowired
    BatchAssessmentService batch;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    private static Population.Person person(String relation, LocalDate birth, boolean paid, Identity... identities) {
        return new Population.Person(LIUCHENG, "RESIDENT", birth, relation, List.of(identities), paid ? "PAID" : "REGISTERED",
                paid ? LocalDate.of(2024, 10, 20) : null, REGISTERED);
    }

    @Test
    void everyEnrollmentIsAssessedOnceAndAReRunChangesNothingUntilAnInputChanges() {
        // 怀远县 2025: ordinary 400; 低保 340 from the fund; 优抚 400 refunded by county finance (先缴后补); no birth date → rejected.
        Population.write(dataSource, "batch-", 2025, List.of(
                person("户主", LocalDate.of(1970, 1, 1), true),
                person("户主", LocalDate.of(1960, 5, 5), true, Identity.DIBAO),
                person("户主", LocalDate.of(1955, 7, 1), true, Identity.ENTITLED_VETERAN),
                person("户主", null, false),
                person("户主", LocalDate.of(1980, 2, 2), false)));
        long firstId = jdbc.sql("SELECT min(id) FROM enrollment WHERE person_key LIKE 'batch-%'").query(Long.class).single();
        long versionsBefore = versionSum(firstId);

        RunSummary first = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(first.created()).isGreaterThanOrEqualTo(4);
        assertThat(first.changed()).isZero();

        assertThat(row(firstId)).isEqualTo(List.of(true, 40000L, 0L, 0L, "", ""));
        assertThat(row(firstId + 1)).isEqualTo(List.of(true, 6000L, 34000L, 0L, "dibao", "DIRECT"));
        assertThat(row(firstId + 2)).isEqualTo(List.of(true, 40000L, 0L, 40000L, "entitled-veteran", "PAY_THEN_REFUND"));
        assertThat(jdbc.sql("SELECT rejection_reason FROM assessment_result WHERE enrollment_id = :id").param("id", firstId + 3)
                .query(String.class).single()).isEqualTo(BatchAssessor.MISSING_BIRTH_DATE);

        // The result is the enrollment's assessment: a registered enrollment with an accepted result reads as ASSESSED;
        // a rejected one stays registered. The run writes no enrollment row.
        assertThat(enrollment(firstId)).isEqualTo(List.of("PAID", first.policyVersion(), 40000L, 0L));
        assertThat(enrollment(firstId + 1)).isEqualTo(List.of("PAID", first.policyVersion(), 6000L, 34000L));
        assertThat(enrollment(firstId + 2)).isEqualTo(List.of("PAID", first.policyVersion(), 40000L, 40000L));
        assertThat(enrollment(firstId + 3)).isEqualTo(List.of("REGISTERED", "", -1L, -1L));
        assertThat(enrollment(firstId + 4)).isEqualTo(List.of("ASSESSED", first.policyVersion(), 40000L, 0L));
        assertThat(versionSum(firstId)).isEqualTo(versionsBefore);

        RunSummary again = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(again.created()).isZero();
        assertThat(again.changed()).isZero();
        assertThat(again.unchanged()).isEqualTo(first.enrollments());
        assertThat(versionSum(firstId)).isEqualTo(versionsBefore);

        // A result that matches no input fingerprint (as a single assessment writes it) is assessed again; it comes
        // out the same, so the run lists no change and counts it unchanged.
        jdbc.sql("UPDATE assessment_result SET input_fingerprint = 0, run_id = NULL WHERE coverage_year = 2025 AND enrollment_id = :id")
                .param("id", firstId + 1).update();
        RunSummary same = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(same.changed()).isZero();
        assertThat(same.unchanged()).isEqualTo(first.enrollments());
        assertThat(batch.changes(same.runId(), 10, 0)).isEmpty();
        assertThat(row(firstId + 1)).isEqualTo(List.of(true, 6000L, 34000L, 0L, "dibao", "DIRECT"));

        jdbc.sql("""
                INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, identity, valid_from, source,
                    source_date, recorded_by)
                SELECT 2025, '340321', person_key, person_number(person_key), 'TEKUN', '2024-09-01', 'TEST', '2024-09-01', 'test'
                FROM enrollment WHERE id = :id
                """).param("id", firstId).update();
        RunSummary afterChange = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(afterChange.changed()).isEqualTo(1);
        assertThat(batch.changes(afterChange.runId(), 10, 0)).singleElement().satisfies(change -> {
            assertThat(change.enrollmentId()).isEqualTo(firstId);
            assertThat(change.personalDueBefore()).isEqualTo(Money.parse("400.00"));
            assertThat(change.personalDueAfter()).isEqualTo(Money.ZERO);
            assertThat(change.subsidyAfter()).isEqualTo(Money.parse("400.00"));
            assertThat(change.ruleAfter()).isEqualTo("tekun");
        });
        assertThat(row(firstId)).isEqualTo(List.of(true, 0L, 40000L, 0L, "tekun", "DIRECT"));
        assertThat(enrollment(firstId)).isEqualTo(List.of("PAID", first.policyVersion(), 0L, 40000L));
        assertThat(versionSum(firstId)).isEqualTo(versionsBefore);

        jdbc.sql("UPDATE enrollment SET status = 'TERMINATED', ended_on = '2025-03-01', end_reason = 'DEATH' WHERE id = :id")
                .param("id", firstId + 4).update();
        RunSummary afterEnd = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(afterEnd.removed()).isEqualTo(1);
        assertThat(afterEnd.changed() + afterEnd.created()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM assessment_result WHERE enrollment_id = :id").param("id", firstId + 4)
                .query(Long.class).single()).isZero();
        assertThat(batch.runs(HUAIYUAN, 2025, 1)).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo(afterEnd.runId());
            assertThat(run.removed()).isEqualTo(1);
        });
    }

    @Test
    void aRejectedReassessmentKeepsTheEarlierAcceptedAssessmentAndIsListedAsAChange() {
        Population.write(dataSource, "keep-", 2025, List.of(person("户主", LocalDate.of(1975, 3, 3), true)));
        long id = jdbc.sql("SELECT id FROM enrollment WHERE person_key LIKE 'keep-%'").query(Long.class).single();
        RunSummary first = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(row(id)).isEqualTo(List.of(true, 40000L, 0L, 0L, "", ""));

        // The register loses the birth date: the calculator cannot assess the person any more.
        LocalDate birth = birthDate(id, null);
        RunSummary rejected = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(rejected.rejected()).isGreaterThanOrEqualTo(1);
        assertThat(batch.changes(rejected.runId(), 10, 0)).singleElement().satisfies(change -> {
            assertThat(change.enrollmentId()).isEqualTo(id);
            assertThat(change.acceptedBefore()).isTrue();
            assertThat(change.acceptedAfter()).isFalse();
        });
        // The paid enrollment still reads with the amounts it was assessed (and paid) at.
        assertThat(row(id)).isEqualTo(List.of(true, 40000L, 0L, 0L, "", ""));
        assertThat(enrollment(id)).isEqualTo(List.of("PAID", first.policyVersion(), 40000L, 0L));

        // While it stays rejected, each run lists it again but has nothing to store: the county is not rebuilt.
        long partition = partitionOid();
        RunSummary again = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(again.changed()).isEqualTo(1);
        assertThat(batch.changes(again.runId(), 10, 0)).singleElement()
                .satisfies(change -> assertThat(change.acceptedAfter()).isFalse());
        assertThat(partitionOid()).isEqualTo(partition);
        assertThat(row(id)).isEqualTo(List.of(true, 40000L, 0L, 0L, "", ""));

        // Once the register is mended the kept assessment matches the inputs again: nothing to assess or list.
        birthDate(id, birth);
        RunSummary mended = batch.run(STAFF, HUAIYUAN, 2025);
        assertThat(mended.changed() + mended.created()).isZero();
        assertThat(row(id)).isEqualTo(List.of(true, 40000L, 0L, 0L, "", ""));
    }

    private long partitionOid() {
        return jdbc.sql("SELECT 'assessment_result_2025_340321'::regclass::oid::bigint").query(Long.class).single();
    }

    /** Sets the birth date of the enrollment's resident; returns the one it had. */
    private LocalDate birthDate(long enrollmentId, LocalDate birthDate) {
        LocalDate before = jdbc.sql("SELECT r.birth_date FROM resident r JOIN enrollment e ON e.resident_id = r.id WHERE e.id = :id")
                .param("id", enrollmentId).query((rs, i) -> rs.getObject(1, LocalDate.class)).list().get(0);
        jdbc.sql("UPDATE resident SET birth_date = :birth WHERE id = (SELECT resident_id FROM enrollment WHERE id = :id)")
                .param("birth", birthDate).param("id", enrollmentId).update();
        return before;
    }

    @Test
    void onlyCountiesWithAPolicyCanBeRun() {
        assertThatThrownBy(() -> batch.run(STAFF, RegionCode.of(LIUCHENG), 2025)).hasMessageContaining("per county");
        assertThatThrownBy(() -> batch.run(STAFF, HUAIYUAN, 2030)).hasMessageContaining("no policy covers region 340321 for coverage year 2030");
    }

    private List<Object> enrollment(long enrollmentId) {
        return jdbc.sql("""
                SELECT status, coalesce(policy_version, ''), coalesce(personal_due_fen, -1), coalesce(subsidy_fen, -1)
                FROM enrollment_with_assessment WHERE id = :id
                """).param("id", enrollmentId)
                .query((rs, i) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    private long versionSum(long firstId) {
        return jdbc.sql("SELECT sum(version) FROM enrollment WHERE id BETWEEN :first AND :first + 4").param("first", firstId)
                .query(Long.class).single();
    }

    private List<Object> row(long enrollmentId) {
        return jdbc.sql("""
                SELECT accepted, personal_due_fen, medical_assistance_fund_fen, county_finance_fen, coalesce(rule_id, ''),
                       coalesce(subsidy_mode, '') FROM assessment_result WHERE enrollment_id = :id
                """).param("id", enrollmentId)
                .query((rs, i) -> List.<Object>of(rs.getBoolean(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6)))
                .single();
    }
}
