package cn.canbao.policy.fiscal;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.FiscalLevel;

/** One fiscal level's amount, with the clause that sets its share. */
public record LevelAmount(FiscalLevel level, Money amount, Citation citation) {
}
