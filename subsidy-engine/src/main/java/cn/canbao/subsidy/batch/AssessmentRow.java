package cn.canbao.subsidy.batch;

import java.util.EnumMap;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;

/**
 * The stored outcome of assessing one enrollment: what the batch writes to {@code assessment_result}.
 * {@code rejectionReason} is the calculator's reason, or {@code MISSING_BIRTH_DATE} when the resident has none.
 */
public record AssessmentRow(long enrollmentId, String regionCode, long fingerprint, boolean accepted,
                            String rejectionReason, Money standard, Money personalDue, SubsidyMode mode,
                            String ruleId, Identity decidingIdentity, Map<Funder, Money> parts, Money refundDue,
                            boolean personPaid) {

    public AssessmentRow {
        parts = parts.isEmpty() ? Map.of() : new EnumMap<>(parts);
    }

    public Money part(Funder funder) {
        return parts.getOrDefault(funder, Money.ZERO);
    }

    public Money subsidyTotal() {
        Money total = Money.ZERO;
        for (Money part : parts.values()) {
            total = total.plus(part);
        }
        return total;
    }
}
