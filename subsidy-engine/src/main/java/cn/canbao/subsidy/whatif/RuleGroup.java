package cn.canbao.subsidy.whatif;

import java.util.List;

/** The people a subsidy rule applies to (counted once each, under the one rule that applies to them) and its parts. */
public record RuleGroup(String ruleId, String ruleName, long people, List<PartRule> parts) {

    public RuleGroup {
        parts = List.copyOf(parts);
        if (people < 0) {
            throw new IllegalArgumentException("people cannot be negative for rule " + ruleId);
        }
    }
}
