package cn.canbao.subsidy.whatif;

import java.util.List;
import java.util.Objects;

import cn.canbao.money.Money;

/**
 * The current policy as the simulation sees it.
 *
 * @param fiscalStandard the government subsidy per insured person, or null when the documents do not give it
 * @param insuredCount   the count the fiscal split is based on
 */
public record WhatIfInput(Money personalStandard, Money fiscalStandard, long insuredCount, List<RuleGroup> groups) {

    public WhatIfInput {
        Objects.requireNonNull(personalStandard, "personalStandard");
        groups = List.copyOf(groups);
    }
}
