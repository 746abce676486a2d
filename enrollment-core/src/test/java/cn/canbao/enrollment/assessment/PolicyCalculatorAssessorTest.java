package cn.canbao.enrollment.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.effective.PolicyCatalog;

class PolicyCalculatorAssessorTest {

    private static final PolicyCalculatorAssessor POLICY = new PolicyCalculatorAssessor(PolicyCatalog.fromClasspath());
    private static final String HUAIYUAN_TOWNSHIP = "340321001000";

    @Test
    void aHuaiyuanDibaoResidentOwes60YuanFor2025AndTheVersionNamesTheRegionAndYear() {
        Assessment assessment = POLICY.assess(new AssessmentRequest(HUAIYUAN_TOWNSHIP, 2025, ParticipantCategory.RESIDENT,
                Set.of(Identity.DIBAO), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 10, 15), null));

        assertThat(assessment.personalDue()).isEqualTo(Money.ofYuan(60));
        assertThat(assessment.policyVersion()).startsWith("340321-2025@");
        assertThat(assessment.reasons()).isNotEmpty();
    }

    @Test
    void anOrdinaryResidentOwesTheFullStandard() {
        Assessment assessment = POLICY.assess(new AssessmentRequest(HUAIYUAN_TOWNSHIP, 2025, ParticipantCategory.RESIDENT,
                Set.of(), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 10, 15), null));

        assertThat(assessment.personalDue()).isEqualTo(Money.ofYuan(400));
        assertThat(assessment.subsidyTotal()).isEqualTo(Money.ZERO);
    }

    @Test
    void aRefundForDeathBeforeCoverageStartsIsAllowedAndAfterItIsRefused() {
        RefundDecision before = POLICY.decide(new RefundCase(HUAIYUAN_TOWNSHIP, 2025, "DEATH", LocalDate.of(2024, 11, 1),
                LocalDate.of(2025, 1, 1), Money.ofYuan(400)));
        RefundDecision after = POLICY.decide(new RefundCase(HUAIYUAN_TOWNSHIP, 2025, "DEATH", LocalDate.of(2025, 2, 1),
                LocalDate.of(2025, 1, 1), Money.ofYuan(400)));

        assertThat(before.allowed()).isTrue();
        assertThat(before.amount()).isEqualTo(Money.ofYuan(400));
        assertThat(after.allowed()).isFalse();
    }
}
