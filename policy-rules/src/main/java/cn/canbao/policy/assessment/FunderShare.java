package cn.canbao.policy.assessment;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.Funder;
import cn.canbao.policy.SubsidyMode;

/** What one funder pays of a person's contribution, and how (资助代缴 or 先缴后补). */
public record FunderShare(Funder funder, Money amount, SubsidyMode mode, Citation citation) {
}
