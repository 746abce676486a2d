package cn.canbao.subsidy.refund;

import cn.canbao.policy.Funder;

/** At most one ledger entry per enrollment, funder and reason: the rule that keeps a refund from being paid twice. */
public record LedgerKey(long enrollmentId, Funder funder, RefundReason reason) {
}
