package cn.canbao.subsidy.refund;

import java.time.LocalDate;
import java.util.Objects;

import cn.canbao.money.Money;

/** One refund in the ledger as stored. {@code paidAmount} and {@code paidOn} are set once, when paid. */
public record LedgerEntry(long id, LedgerKey key, int coverageYear, String townshipCode, Money owed, LedgerStatus status,
                          Money paidAmount, LocalDate paidOn, String paidBy, String ruleId, String citation) {

    public LedgerEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        if (status == LedgerStatus.PAID && (paidAmount == null || paidOn == null)) {
            throw new IllegalArgumentException("a paid refund has an amount and a date: entry " + id);
        }
    }
}
