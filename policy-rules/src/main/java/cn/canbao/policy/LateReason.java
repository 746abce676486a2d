package cn.canbao.policy;

/** Why someone enrolls after the collection window through a green channel (绿色通道 / 补办参保). */
public enum LateReason {
    /** No special reason: an ordinary late enrollment. */
    NONE,
    /** The special-group identity was recognized after the window (新认定 / 动态新增). */
    NEWLY_IDENTIFIED,
    /** The enrollment lapsed for reasons not of the person's own making (非因个人原因停保断保). */
    LAPSED_NOT_OWN_FAULT
}
