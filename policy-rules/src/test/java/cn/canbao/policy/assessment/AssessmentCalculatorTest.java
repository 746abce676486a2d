package cn.canbao.policy.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

class AssessmentCalculatorTest {

    private static final String CITE = """
              cite:
                doc: 测试文件
                clause: 一
                quote: 测试
            """;

    /** No seed has an active waiting period yet (000 四 says it is pending), so a test policy switches it on. */
    private static EffectivePolicy policyWithActiveWaitingPeriod() {
        String yaml = """
                region: "340321"
                coverageYear: 2026
                title: test
                personalStandard:
                  amount: "400.00"
                """ + CITE + """
                eligibleCategories:
                  - category: RESIDENT
                """ + CITE.replace("  cite", "    cite").replace("    doc", "      doc").replace("    clause", "      clause").replace("    quote", "      quote") + """
                coveragePeriod:
                  start: 2026-01-01
                  end: 2026-12-31
                """ + CITE + """
                collectionWindow:
                  start: 2025-09-01
                  end: 2025-12-31
                """ + CITE + """
                waitingPeriod:
                  status: ACTIVE
                  fixedMonths: 3
                  monthsPerLapseYear: 1
                  monthsOffPerPaidBackYear: 1
                  formulaCite:
                    doc: 国办发〔2024〕38号
                    clause: 测试
                    quote: 测试
                """ + CITE;
        return PolicyCatalog.of(Map.of("340321-2026.yaml", yaml)).effective(RegionCode.of("340321"), 2026).orElseThrow();
    }

    @Test
    void aWaitingPeriodIsThreeMonthsPlusOnePerLapseYearMinusOnePerYearPaidBack() {
        Person lapsed = Person.of(LocalDate.of(1980, 1, 1), ParticipantCategory.RESIDENT).withLapse(3, 1);
        Assessment assessment = AssessmentCalculator.assess(policyWithActiveWaitingPeriod(), AssessmentRequest.paidOn(lapsed, LocalDate.of(2025, 10, 1)));

        assertThat(assessment.waitingPeriod().status()).isEqualTo(WaitingPeriod.Status.APPLIES);
        assertThat(assessment.waitingPeriod().months()).isEqualTo(5);
        assertThat(assessment.waitingPeriod().benefitsFrom()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(assessment.waitingPeriod().citation().doc()).isEqualTo("国办发〔2024〕38号");
    }

    @Test
    void payingBackEveryLapseYearLeavesTheFixedThreeMonths() {
        Person repaid = Person.of(LocalDate.of(1980, 1, 1), ParticipantCategory.RESIDENT).withLapse(2, 2);
        Assessment assessment = AssessmentCalculator.assess(policyWithActiveWaitingPeriod(), AssessmentRequest.paidOn(repaid, LocalDate.of(2025, 10, 1)));

        assertThat(assessment.waitingPeriod().months()).isEqualTo(3);
    }

    @Test
    void someoneEnrollingInTimeWithoutLapseHasNoWaitingPeriod() {
        Person regular = Person.of(LocalDate.of(1980, 1, 1), ParticipantCategory.RESIDENT);
        Assessment assessment = AssessmentCalculator.assess(policyWithActiveWaitingPeriod(), AssessmentRequest.paidOn(regular, LocalDate.of(2025, 10, 1)));

        assertThat(assessment.accepted()).isTrue();
        assertThat(assessment.waitingPeriod().status()).isEqualTo(WaitingPeriod.Status.NONE);
        assertThat(assessment.personalDue()).isEqualTo(Money.ofYuan(400));
    }

    @Test
    void aRegionWithoutPolicyIsRejectedNamingRegionAndYear() {
        Person person = Person.of(LocalDate.of(1980, 1, 1), ParticipantCategory.RESIDENT);
        Assessment assessment = AssessmentCalculator.assess(PolicyCatalog.fromClasspath(), RegionCode.of("110101"), 2025,
                AssessmentRequest.paidOn(person, LocalDate.of(2024, 10, 1)));

        assertThat(assessment.accepted()).isFalse();
        assertThat(assessment.rejectionReason()).isEqualTo(RejectionReason.NO_POLICY);
        assertThat(assessment.rejectionMessage()).contains("110101").contains("2025");
    }

    @Test
    void everyExplanationOfAnAcceptedSubsidizedAssessmentExceptTheArithmeticCitesADocument() {
        Person person = Person.of(LocalDate.of(1970, 1, 1), ParticipantCategory.RESIDENT, cn.canbao.policy.Identity.DIBAO);
        Assessment assessment = AssessmentCalculator.assess(PolicyCatalog.fromClasspath(), RegionCode.of("340321"), 2025,
                AssessmentRequest.paidOn(person, LocalDate.of(2024, 10, 1)));

        assertThat(assessment.explanation()).filteredOn(e -> e.citation() == null)
                .extracting(Explanation::text).allMatch(text -> text.startsWith("Personal amount due now"));
        assertThat(assessment.appliedRule()).isEqualTo("COLLECTION_WINDOW + dibao");
    }
}
