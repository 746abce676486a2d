package cn.canbao.policy;

/** Why a paid contribution is asked back (退费), as 怀远县 方案 四（二） lists them. */
public enum RefundReason implements ChineseNamed {
    DEATH("死亡"),
    DUPLICATE_PAYMENT("重复缴费"),
    JOINED_EMPLOYEE_INSURANCE("参加职工医保"),
    JOINED_OTHER_REGION("参加其他地市居民医保");

    private final String chineseName;

    RefundReason(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
