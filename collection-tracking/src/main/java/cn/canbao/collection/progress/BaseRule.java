package cn.canbao.collection.progress;

/** How the number who should enroll (应参保人数) is fixed for a region and year. */
public enum BaseRule {
    /** The prior year's enrolled plus those newly registered this year. */
    PRIOR_YEAR_PLUS_NEW,
    /** A target count entered by county staff (目标任务数). */
    OFFICIAL_TARGET
}
