package cn.canbao.enrollment.enrollment;

/** Why an enrollment is suspended or terminated (怀远县2025年度居民医保参保缴费工作方案 一、四（二）). */
public enum EndReason {
    EMPLOYEE_INSURANCE("参加职工医保"),
    DEATH("死亡"),
    MOVED_AWAY("迁出/参加其他地区居民医保"),
    DUPLICATE("重复参保"),
    ENLISTED("入伍"),
    OTHER("其他");

    private final String chineseName;

    EndReason(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
