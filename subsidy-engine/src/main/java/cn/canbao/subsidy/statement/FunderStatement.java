package cn.canbao.subsidy.statement;

import java.util.Map;

import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;

/**
 * What one funder pays for (资助/补贴清单): totals per township, per identity and per rule. The groupings each add
 * up to {@code total}.
 */
public record FunderStatement(Funder funder, Subtotal total, Map<String, Subtotal> byTownship,
                              Map<Identity, Subtotal> byIdentity, Map<String, RuleSubtotal> byRule) {

    public FunderStatement {
        byTownship = Map.copyOf(byTownship);
        byIdentity = Map.copyOf(byIdentity);
        byRule = Map.copyOf(byRule);
    }
}
