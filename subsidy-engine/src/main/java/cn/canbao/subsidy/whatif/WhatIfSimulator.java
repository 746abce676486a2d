package cn.canbao.subsidy.whatif;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.Funder;

/**
 * What-if simulation: the cost per funder and per fiscal level under the current policy and under a scenario
 * (another subsidy amount, standard or head count), side by side. Pure; changes nothing anywhere.
 */
public final class WhatIfSimulator {

    private WhatIfSimulator() {
    }

    public static WhatIfResult simulate(WhatIfInput input, Scenario scenario, FiscalSplitter splitter) {
        List<String> notes = new ArrayList<>();
        for (String ruleId : scenario.peopleByRule().keySet()) {
            requireRule(input, ruleId);
        }
        for (Map.Entry<String, Map<Funder, Money>> change : scenario.amounts().entrySet()) {
            RuleGroup group = requireRule(input, change.getKey());
            for (Map.Entry<Funder, Money> amount : change.getValue().entrySet()) {
                if (group.parts().stream().noneMatch(p -> p.funder() == amount.getKey())) {
                    throw new IllegalArgumentException("rule " + group.ruleId() + " has no part paid by " + amount.getKey());
                }
                if (amount.getValue().isNegative()) {
                    throw new IllegalArgumentException("amount for " + group.ruleId() + "/" + amount.getKey() + " cannot be negative");
                }
            }
        }
        Money scenarioPersonal = scenario.personalStandard() != null ? scenario.personalStandard() : input.personalStandard();
        Money scenarioFiscal = scenario.fiscalStandard() != null ? scenario.fiscalStandard() : input.fiscalStandard();
        long scenarioInsured = scenario.insuredCount() != null ? scenario.insuredCount() : input.insuredCount();
        if (scenarioInsured < 0) {
            throw new IllegalArgumentException("insuredCount cannot be negative");
        }

        Costs current = costs(input.groups(), input.personalStandard(), Map.of(), Map.of(), input.insuredCount());
        Costs changed = costs(input.groups(), scenarioPersonal, scenario.peopleByRule(), scenario.amounts(), scenarioInsured);
        if (changed.specialPeople > scenarioInsured) {
            notes.add("the rules' head counts (" + changed.specialPeople + ") exceed the insured count (" + scenarioInsured + ")");
        }

        List<WhatIfResult.FunderRow> funders = new ArrayList<>();
        for (Funder funder : Funder.values()) {
            funders.add(new WhatIfResult.FunderRow(funder, current.people.getOrDefault(funder, 0L),
                    current.amounts.getOrDefault(funder, Money.ZERO), changed.people.getOrDefault(funder, 0L),
                    changed.amounts.getOrDefault(funder, Money.ZERO)));
        }

        FiscalSplitter.Outcome currentSplit = split(splitter, input.fiscalStandard(), input.insuredCount());
        FiscalSplitter.Outcome scenarioSplit = split(splitter, scenarioFiscal, scenarioInsured);
        EnumSet<FiscalLevel> levels = EnumSet.noneOf(FiscalLevel.class);
        levels.addAll(currentSplit.levels().keySet());
        levels.addAll(scenarioSplit.levels().keySet());
        List<WhatIfResult.LevelRow> levelRows = new ArrayList<>();
        for (FiscalLevel level : levels) {
            levelRows.add(new WhatIfResult.LevelRow(level,
                    currentSplit.missing().isEmpty() ? currentSplit.levels().getOrDefault(level, Money.ZERO) : null,
                    scenarioSplit.missing().isEmpty() ? scenarioSplit.levels().getOrDefault(level, Money.ZERO) : null));
        }
        return new WhatIfResult(funders, levelRows, current.personal, changed.personal, currentSplit.missing(),
                scenarioSplit.missing(), notes);
    }

    private static FiscalSplitter.Outcome split(FiscalSplitter splitter, Money standard, long count) {
        if (standard == null) {
            return splitter.split(null, count);
        }
        return splitter.split(standard, count);
    }

    private static RuleGroup requireRule(WhatIfInput input, String ruleId) {
        return input.groups().stream().filter(g -> g.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subsidy rule " + ruleId + " in the current policy"));
    }

    private record Costs(Map<Funder, Long> people, Map<Funder, Money> amounts, Money personal, long specialPeople) {
    }

    private static Costs costs(List<RuleGroup> groups, Money standard, Map<String, Long> peopleByRule,
                               Map<String, Map<Funder, Money>> amounts, long insured) {
        Map<Funder, Long> people = new EnumMap<>(Funder.class);
        Map<Funder, Money> cost = new EnumMap<>(Funder.class);
        Money personal = Money.ZERO;
        long special = 0;
        for (RuleGroup group : groups) {
            long count = peopleByRule.getOrDefault(group.ruleId(), group.people());
            if (count < 0) {
                throw new IllegalArgumentException("people for rule " + group.ruleId() + " cannot be negative");
            }
            special += count;
            Map<Funder, Money> changedAmounts = amounts.getOrDefault(group.ruleId(), Map.of());
            Money left = standard;
            for (PartRule part : group.parts()) {
                PartRule effective = changedAmounts.containsKey(part.funder()) ? part.withAmount(changedAmounts.get(part.funder())) : part;
                Money perPerson = effective.perPerson(standard, left);
                left = left.minus(perPerson);
                if (count > 0 && perPerson.isPositive()) {
                    people.merge(part.funder(), count, Long::sum);
                    cost.merge(part.funder(), perPerson.times(count), Money::plus);
                }
            }
            personal = personal.plus(left.times(count));
        }
        long ordinary = Math.max(0, insured - special);
        personal = personal.plus(standard.times(ordinary));
        return new Costs(people, cost, personal, special);
    }
}
