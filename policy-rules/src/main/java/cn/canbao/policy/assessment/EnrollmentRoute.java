package cn.canbao.policy.assessment;

/** How an accepted enrollment got in. */
public enum EnrollmentRoute {
    COLLECTION_WINDOW,
    CATEGORY_EXTENSION,
    GREEN_CHANNEL,
    NEWBORN_WITHIN_DEADLINE,
    NEWBORN_AFTER_DEADLINE,
    NEWBORN_DIED_BEFORE_REGISTRATION
}
