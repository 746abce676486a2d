package cn.canbao.web.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

import cn.canbao.enrollment.assessment.Assessment;
import cn.canbao.enrollment.assessment.AssessmentRequest;
import cn.canbao.enrollment.assessment.PremiumAssessor;
import cn.canbao.enrollment.assessment.RefundCase;
import cn.canbao.enrollment.assessment.RefundDecision;
import cn.canbao.enrollment.assessment.RefundRules;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class PolicyEnrollmentAdapterTest {

    @Autowired
    PremiumAssessor assessor;

    @Autowired
    RefundRules refundRules;

    @Test
    void enrollmentGetsThePolicyAmountsAndTheVersionToRecord() {
        Assessment assessment = assessor.assess(new AssessmentRequest("340321001000", 2025, ParticipantCategory.RESIDENT,
                Set.of(Identity.DIBAO), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 10, 1)));

        assertThat(assessment.personalDue()).isEqualTo(Money.ofYuan(60));
        assertThat(assessment.subsidies()).containsEntry(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofYuan(340));
        assertThat(Long.parseLong(assessment.policyVersion())).isPositive();
        assertThat(assessment.reasons()).anyMatch(r -> r.contains("怀远县2025年度居民医保参保缴费工作方案 二（二）"));
    }

    @Test
    void assessingOutsideTheWindowFixesTheAmountsAndSaysThePaymentWouldNotBeAccepted() {
        Assessment assessment = assessor.assess(new AssessmentRequest("340321", 2025, ParticipantCategory.RESIDENT,
                Set.of(Identity.MONITORED), LocalDate.of(1970, 1, 1), LocalDate.of(2026, 3, 1)));

        assertThat(assessment.personalDue()).isEqualTo(Money.ofYuan(200));
        assertThat(assessment.reasons().get(0)).contains("would not be accepted").contains("2024-09-01");
    }

    @Test
    void aCategoryThePolicyDoesNotNameIsNotAssessed() {
        assertThatThrownBy(() -> assessor.assess(new AssessmentRequest("150702", 2025, ParticipantCategory.HK_MO_TW_RESIDENT,
                Set.of(), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 10, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HK_MO_TW_RESIDENT");
    }

    @Test
    void refundsFollowThePolicysRulesBeforeAndAfterCoverageStarts() {
        RefundDecision death = refundRules.decide(new RefundCase("340321", 2025, "DEATH", LocalDate.of(2024, 12, 1),
                LocalDate.of(2025, 1, 1), Money.ofYuan(400)));
        RefundDecision late = refundRules.decide(new RefundCase("340321", 2025, "DEATH", LocalDate.of(2025, 1, 2),
                LocalDate.of(2025, 1, 1), Money.ofYuan(400)));
        RefundDecision enlisted = refundRules.decide(new RefundCase("340321", 2025, "ENLISTED", LocalDate.of(2024, 12, 1),
                LocalDate.of(2025, 1, 1), Money.ofYuan(400)));

        assertThat(death.allowed()).isTrue();
        assertThat(death.amount()).isEqualTo(Money.ofYuan(400));
        assertThat(death.reason()).contains("四（二）");
        assertThat(late.allowed()).isFalse();
        assertThat(enlisted.allowed()).isFalse();
    }
}
