package cn.canbao.subsidy.whatif;

import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;

/**
 * Changes to try; every field is optional (null or empty = as now). Nothing here is stored.
 *
 * @param peopleByRule new head counts per rule id: people moved into (or out of) a rule come from (or go to)
 *                     ordinary residents, so the insured count stays unless {@code insuredCount} is given too
 * @param amounts      new fixed per-person amounts per rule id and funder
 */
public record Scenario(Money personalStandard, Money fiscalStandard, Long insuredCount, Map<String, Long> peopleByRule,
                       Map<String, Map<Funder, Money>> amounts) {

    public Scenario {
        peopleByRule = peopleByRule == null ? Map.of() : Map.copyOf(peopleByRule);
        amounts = amounts == null ? Map.of() : Map.copyOf(amounts);
    }

    public static Scenario none() {
        return new Scenario(null, null, null, Map.of(), Map.of());
    }
}
