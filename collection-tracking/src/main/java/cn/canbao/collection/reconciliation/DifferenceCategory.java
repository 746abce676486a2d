package cn.canbao.collection.reconciliation;

/** The worklists a difference between money and people (钱人不一致) is sorted into. */
public enum DifferenceCategory {
    /** Money arrived for a person with no enrollment in that coverage year (有款无人). */
    PAID_NOT_REGISTERED("已缴费未登记"),
    /** Money arrived for an enrollment whose amount has not been assessed yet (已登记未核定). */
    REGISTERED_NOT_ASSESSED("已登记未核定"),
    /** One payment whose amount is not the assessed amount (缴费金额与核定不符). */
    AMOUNT_DIFFERS("金额与核定不符"),
    /** More than one payment for the same person and year, in the same or another region (重复缴费). */
    PAID_TWICE("重复缴费"),
    /** A payment collected in a region other than the one the person is enrolled in (异地缴费). */
    PAID_IN_OTHER_REGION("缴费地与参保地不符"),
    /** More money held than the person finally owes: duplicates, overpayment, 先缴后补 (应退费). */
    REFUND_OWED("应退费");

    private final String chineseName;

    DifferenceCategory(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
