package cn.canbao.subsidy.refund;

import java.time.LocalDate;

import cn.canbao.money.Money;

/** The answer to "mark this refund paid": accepted with the entry as it is to be stored, or rejected with why. */
public record PaymentDecision(boolean accepted, LedgerEntry entry, Rejection rejection, String message) {

    public enum Rejection { ALREADY_PAID, CANCELLED, AMOUNT_DIFFERS, DATE_IN_FUTURE }

    static PaymentDecision accepted(LedgerEntry paid) {
        return new PaymentDecision(true, paid, null, null);
    }

    static PaymentDecision rejected(LedgerEntry entry, Rejection rejection, String message) {
        return new PaymentDecision(false, entry, rejection, message);
    }

    public Money paidAmount() {
        return entry.paidAmount();
    }

    public LocalDate paidOn() {
        return entry.paidOn();
    }
}
