package cn.canbao.subsidy.refund;

import java.util.List;

import cn.canbao.money.Money;

/**
 * What reconciling the latest assessment with the ledger asks for. Paid entries are never touched: when the
 * assessment now says something else about a paid refund, it is listed as a discrepancy for a person to settle.
 */
public record LedgerChanges(List<RefundClaim> toOpen, List<Adjustment> toAdjust, List<LedgerEntry> toCancel,
                            List<Discrepancy> discrepancies) {

    public LedgerChanges {
        toOpen = List.copyOf(toOpen);
        toAdjust = List.copyOf(toAdjust);
        toCancel = List.copyOf(toCancel);
        discrepancies = List.copyOf(discrepancies);
    }

    public boolean isEmpty() {
        return toOpen.isEmpty() && toAdjust.isEmpty() && toCancel.isEmpty() && discrepancies.isEmpty();
    }

    /** An unpaid refund whose amount changed (or a cancelled one owed again). */
    public record Adjustment(LedgerEntry entry, Money newAmount) {
    }

    /** A paid refund the latest assessment disagrees with: {@code nowOwed} is zero when nothing is owed any more. */
    public record Discrepancy(LedgerEntry entry, Money nowOwed) {

        /** Positive: the person is still owed this much; negative: they were paid this much too much. */
        public Money difference() {
            return nowOwed.minus(entry.paidAmount());
        }
    }
}
