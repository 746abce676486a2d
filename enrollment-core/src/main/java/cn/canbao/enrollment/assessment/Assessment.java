package cn.canbao.enrollment.assessment;

import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;

/**
 * The policy's answer: what the person pays to the tax channel, what funders pay for them, the
 * policy version it came from (recorded on the enrollment) and the reasons with citations.
 */
public record Assessment(String policyVersion, Money personalDue, Map<Funder, Money> subsidies, List<String> reasons) {

    public Assessment {
        if (policyVersion == null || policyVersion.isBlank()) {
            throw new IllegalArgumentException("an assessment names its policy version");
        }
        subsidies = Map.copyOf(subsidies);
        reasons = List.copyOf(reasons);
    }

    public Money subsidyTotal() {
        return subsidies.values().stream().reduce(Money.ZERO, Money::plus);
    }
}
