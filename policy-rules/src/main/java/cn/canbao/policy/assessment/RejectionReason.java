package cn.canbao.policy.assessment;

/** Why an enrollment is not accepted on the given date. */
public enum RejectionReason {
    NO_POLICY,
    CATEGORY_NOT_ELIGIBLE,
    NO_STANDARD,
    ONLY_MINIMUM_STANDARD,
    NO_COVERAGE_PERIOD,
    NO_COLLECTION_WINDOW,
    BEFORE_COLLECTION_WINDOW,
    AFTER_COLLECTION_WINDOW,
    AFTER_COVERAGE_PERIOD,
    PAYMENT_BEFORE_BIRTH,
    NOT_A_NEWBORN,
    NEWBORN_DEADLINE_PASSED,
    NO_RULE_FOR_CASE
}
