package cn.canbao.policy.assessment;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.Funder;

/** A refund a funder owes the person later (先缴后补: the person paid the full standard first). */
public record DueRefund(Funder funder, Money amount, Citation citation) {
}
