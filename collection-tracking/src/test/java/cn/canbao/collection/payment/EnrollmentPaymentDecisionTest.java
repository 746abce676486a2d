package cn.canbao.collection.payment;

import static cn.canbao.collection.Fixtures.RONGCHENG_VILLAGE;
import static cn.canbao.collection.Fixtures.id;
import static cn.canbao.collection.Fixtures.payment;
import static cn.canbao.collection.Fixtures.refund;
import static cn.canbao.collection.Fixtures.reversal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import cn.canbao.collection.reconciliation.AssessedEnrollment;
import cn.canbao.money.Money;

class EnrollmentPaymentDecisionTest {

    private static Optional<AssessedEnrollment> assessed(String yuan) {
        return Optional.of(AssessedEnrollment.assessed(id(1), "居民1", 2025, RONGCHENG_VILLAGE, Money.parse(yuan)));
    }

    @Test
    void theFirstPaymentThatReachesTheAssessedAmountCoversTheEnrollment() {
        EnrollmentPaymentLink.Decision decision = EnrollmentPaymentLink.decide(assessed("400"),
                List.of(payment("T1", 1, "400"), payment("T2", 1, "400")));

        assertThat(decision.covering()).hasValueSatisfying(c -> {
            assertThat(c.payment().transactionId()).isEqualTo("T1");
            assertThat(c.paidSoFar()).isEqualTo(Money.ofYuan(400));
        });
    }

    @Test
    void aReversedPaymentCoversNothingAndIsNamedForUndoing() {
        EnrollmentPaymentLink.Decision decision = EnrollmentPaymentLink.decide(assessed("400"),
                List.of(payment("T1", 1, "400"), reversal("R1", 1, "400", "T1")));

        assertThat(decision.covering()).isEmpty();
        assertThat(decision.reversedPayments()).containsExactly("T1");
    }

    @Test
    void aRefundAfterPaymentDoesNotUndoIt() {
        assertThat(EnrollmentPaymentLink.decide(assessed("400"), List.of(payment("T1", 1, "400"), refund("F1", 1, "200"))).covering())
                .isPresent();
    }

    @Test
    void withoutAnAssessedAmountNothingIsCovered() {
        assertThat(EnrollmentPaymentLink.decide(Optional.of(AssessedEnrollment.notAssessed(id(1), "居民1", 2025, RONGCHENG_VILLAGE)),
                List.of(payment("T1", 1, "400"))).covering()).isEmpty();
        assertThat(EnrollmentPaymentLink.decide(assessed("0"), List.of(payment("T1", 1, "400"))).covering()).isEmpty();
    }

    @Test
    void aReversalOfAPaymentNotYetImportedStillCountsAsMoneyGone() {
        assertThat(EnrollmentPaymentLink.decide(assessed("400"), List.of(payment("T1", 1, "400"), reversal("R0", 1, "400", "T0")))
                .covering()).isEmpty();
    }
}
