package cn.canbao.enrollment.enrollment;

import java.util.EnumSet;
import java.util.Set;

/** The yearly lifecycle: 参保登记 → 核定 → 缴费 → 待遇享受; or 暂停 / 终止. */
public enum EnrollmentStatus {
    REGISTERED("已登记"),
    ASSESSED("已核定"),
    PAID("已缴费"),
    COVERED("享受待遇"),
    SUSPENDED("暂停"),
    TERMINATED("终止");

    /** The statuses the one-per-person-and-year constraint counts (must match the partial index in V23). */
    public static final Set<EnrollmentStatus> ACTIVE = EnumSet.of(REGISTERED, ASSESSED, PAID, COVERED);

    private final String chineseName;

    EnrollmentStatus(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    public boolean active() {
        return ACTIVE.contains(this);
    }

    public boolean paid() {
        return this == PAID || this == COVERED;
    }
}
