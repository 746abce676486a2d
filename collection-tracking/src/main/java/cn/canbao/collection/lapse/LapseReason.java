package cn.canbao.collection.lapse;

/** Why a person is on the door-to-door list (排查, 怀远县2025年度居民医保参保缴费工作方案 五（三）). */
public enum LapseReason {
    /** Enrolled last year, not this year (与上年度参保信息比对). */
    NOT_RENEWED("上年参保本年未参保"),
    /** Holds a special-group identity and has no enrollment this year (特殊群体全员参保, 七（一）). */
    SPECIAL_GROUP_NOT_ENROLLED("特殊群体未参保");

    private final String chineseName;

    LapseReason(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
