package cn.canbao.subsidy.statement;

import java.util.Objects;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;

/**
 * One funder's part of one assessed enrollment: who is paid for, where, by which rule and citation.
 *
 * @param identity the identity that made the rule apply (the first, in glossary order, of the person's identities
 *                 the rule names); a person is counted under one identity only, so identity subtotals add up
 * @param ruleId   the subsidy scheme id of the policy file, e.g. {@code low-income}
 * @param citation document and clause of the rule, e.g. {@code 呼医保发〔2024〕13号 二（二）二是}
 */
public record SubsidyLine(long enrollmentId, String personLabel, String townshipCode, Identity identity, Funder funder,
                          Money amount, SubsidyMode mode, String ruleId, String ruleName, String citation) {

    public SubsidyLine {
        Objects.requireNonNull(townshipCode, "townshipCode");
        Objects.requireNonNull(funder, "funder");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ruleId, "ruleId");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a subsidy part cannot be negative: " + amount + " for enrollment " + enrollmentId);
        }
    }
}
