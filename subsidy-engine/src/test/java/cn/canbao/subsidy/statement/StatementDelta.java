package cn.canbao.subsidy.statement;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import cn.canbao.policy.Identity;

/**
 * One test's share of a statement when other tests share the database: the statement now minus the one before,
 * group by group (totals, townships, identities, rules).
 */
final class StatementDelta {

    private StatementDelta() {
    }

    static FunderStatement of(FunderStatement was, FunderStatement now) {
        Map<Identity, Subtotal> byIdentity = new EnumMap<>(Identity.class);
        now.byIdentity().forEach((identity, subtotal) -> byIdentity.put(identity, difference(was.byIdentity().get(identity), subtotal)));
        Map<String, Subtotal> byTownship = new TreeMap<>();
        now.byTownship().forEach((township, subtotal) -> byTownship.put(township, difference(was.byTownship().get(township), subtotal)));
        Map<String, RuleSubtotal> byRule = new TreeMap<>();
        now.byRule().forEach((rule, subtotal) -> {
            RuleSubtotal old = was.byRule().get(rule);
            byRule.put(rule, new RuleSubtotal(subtotal.ruleId(), subtotal.ruleName(), subtotal.mode(), subtotal.citation(),
                    difference(old == null ? null : old.subtotal(), subtotal.subtotal())));
        });
        return new FunderStatement(now.funder(), difference(was.total(), now.total()), byTownship, byIdentity, byRule);
    }

    static Subtotal difference(Subtotal before, Subtotal after) {
        Subtotal was = before == null ? Subtotal.EMPTY : before;
        Subtotal now = after == null ? Subtotal.EMPTY : after;
        return new Subtotal(now.people() - was.people(), now.amount().minus(was.amount()));
    }
}
