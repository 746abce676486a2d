package cn.canbao.enrollment.assessment;

import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;

/**
 * The policy's answer: what the person pays to the tax channel, what funders pay for them, the
 * policy version it came from and the reasons with citations. It is stored as the enrollment's
 * current assessment in {@code assessment_result}, with the scheme that applied.
 *
 * @param standard         the personal standard before subsidies
 * @param schemeId         the subsidy scheme applied (null when no funder pays)
 * @param mode             how its parts are paid (direct, or 先缴后补); null when no funder pays
 * @param decidingIdentity the first (glossary order) of the person's identities the scheme names
 * @param refundDue        the 先缴后补 part refunded after payment
 */
public record Assessment(String policyVersion, Money personalDue, Map<Funder, Money> subsidies, List<String> reasons,
                         Money standard, String schemeId, SubsidyMode mode, Identity decidingIdentity, Money refundDue) {

    public Assessment {
        if (policyVersion == null || policyVersion.isBlank()) {
            throw new IllegalArgumentException("an assessment names its policy version");
        }
        subsidies = Map.copyOf(subsidies);
        reasons = List.copyOf(reasons);
        refundDue = refundDue == null ? Money.ZERO : refundDue;
    }

    /** An answer without a scheme: the standard is what the person pays plus the funders' parts. */
    public Assessment(String policyVersion, Money personalDue, Map<Funder, Money> subsidies, List<String> reasons) {
        this(policyVersion, personalDue, subsidies, reasons,
                subsidies.values().stream().reduce(personalDue, Money::plus), null, null, null, Money.ZERO);
    }

    public Money subsidyTotal() {
        return subsidies.values().stream().reduce(Money.ZERO, Money::plus);
    }
}
