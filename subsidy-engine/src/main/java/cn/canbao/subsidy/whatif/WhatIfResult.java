package cn.canbao.subsidy.whatif;

import java.util.List;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.Funder;

/** The current policy and the scenario side by side, per funder and per fiscal level. */
public record WhatIfResult(List<FunderRow> funders, List<LevelRow> levels, Money currentPersonalTotal,
                           Money scenarioPersonalTotal, List<String> currentFiscalMissing, List<String> scenarioFiscalMissing,
                           List<String> notes) {

    public WhatIfResult {
        funders = List.copyOf(funders);
        levels = List.copyOf(levels);
        currentFiscalMissing = List.copyOf(currentFiscalMissing);
        scenarioFiscalMissing = List.copyOf(scenarioFiscalMissing);
        notes = List.copyOf(notes);
    }

    public record FunderRow(Funder funder, long currentPeople, Money current, long scenarioPeople, Money scenario) {
        public Money difference() {
            return scenario.minus(current);
        }
    }

    /** {@code current} or {@code scenario} is null when that side is not computable. */
    public record LevelRow(FiscalLevel level, Money current, Money scenario) {
        public Money difference() {
            return current == null || scenario == null ? null : scenario.minus(current);
        }
    }

    public FunderRow funder(Funder funder) {
        return funders.stream().filter(r -> r.funder() == funder).findFirst().orElseThrow();
    }

    public LevelRow level(FiscalLevel level) {
        return levels.stream().filter(r -> r.level() == level).findFirst().orElseThrow();
    }
}
