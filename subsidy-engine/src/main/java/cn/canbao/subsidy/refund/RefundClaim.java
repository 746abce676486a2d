package cn.canbao.subsidy.refund;

import java.util.Objects;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;

/**
 * What a funder owes a person under 先缴后补 according to the latest assessment: the person paid the full standard
 * and the funder's part is refunded by the township afterwards.
 *
 * @param personPaid whether the person's payment is in; nothing is owed before it
 */
public record RefundClaim(long enrollmentId, int coverageYear, String townshipCode, Funder funder, Money amount,
                          String ruleId, String citation, boolean personPaid) {

    public RefundClaim {
        Objects.requireNonNull(townshipCode, "townshipCode");
        Objects.requireNonNull(funder, "funder");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund claim must be positive: " + amount + " for enrollment " + enrollmentId);
        }
    }

    public LedgerKey key() {
        return new LedgerKey(enrollmentId, funder, RefundReason.PAY_THEN_REFUND_SUBSIDY);
    }
}
