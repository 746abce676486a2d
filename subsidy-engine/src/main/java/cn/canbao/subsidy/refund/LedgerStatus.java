package cn.canbao.subsidy.refund;

public enum LedgerStatus {
    /** Owed to the person, not yet paid. */
    OWED,
    /** Paid; the amount is frozen. */
    PAID,
    /** No longer owed (e.g. the identity was withdrawn) before anything was paid. */
    CANCELLED
}
