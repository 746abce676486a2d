package cn.canbao.subsidy.refund;

/**
 * Why the ledger owes money. One reason today; it is part of the ledger key so that other reasons (a personal
 * refund after death, a duplicate payment) can join the same ledger without ever being confused with the subsidy.
 */
public enum RefundReason {
    /** 先缴后补: the funder's part of a contribution the person paid in full. */
    PAY_THEN_REFUND_SUBSIDY
}
