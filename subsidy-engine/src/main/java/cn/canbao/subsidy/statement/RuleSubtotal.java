package cn.canbao.subsidy.statement;

import cn.canbao.policy.SubsidyMode;

/** A statement's subtotal for one rule, with the rule's name, mode and citation so the line explains itself. */
public record RuleSubtotal(String ruleId, String ruleName, SubsidyMode mode, String citation, Subtotal subtotal) {
}
