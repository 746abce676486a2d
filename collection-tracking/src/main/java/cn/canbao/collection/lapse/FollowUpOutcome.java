package cn.canbao.collection.lapse;

/**
 * What the door-to-door visit found. The outcomes that end the case explain a legitimate absence
 * (参保对象之外, 怀远县2025年度居民医保参保缴费工作方案 一; 退费 四（二)); the others keep the person on the list.
 */
public enum FollowUpOutcome {
    PROMISED_TO_PAY("承诺缴费", false),
    ENROLLED_NOW("已参保缴费", true),
    EMPLOYEE_INSURANCE("参加职工医保", true),
    ENROLLED_ELSEWHERE("异地参保", true),
    MOVED_AWAY("户籍迁出", true),
    DECEASED("死亡", true),
    ENLISTED("入伍", true),
    REFUSED("拒绝参保", false),
    UNREACHABLE("联系不上", false);

    private final String chineseName;
    private final boolean closesCase;

    FollowUpOutcome(String chineseName, boolean closesCase) {
        this.chineseName = chineseName;
        this.closesCase = closesCase;
    }

    public String chineseName() {
        return chineseName;
    }

    public boolean closesCase() {
        return closesCase;
    }
}
