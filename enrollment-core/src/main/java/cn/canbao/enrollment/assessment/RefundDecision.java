package cn.canbao.enrollment.assessment;

import cn.canbao.money.Money;

/** Allowed (with the amount to return) or refused, with the reason and the policy version that decided. */
public record RefundDecision(boolean allowed, Money amount, String reason, String policyVersion) {
}
