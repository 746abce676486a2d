package cn.canbao.web.user;

/** What a user may do; where they may do it is their region. */
public enum Role {
    /** System administration: users, policy versions. */
    ADMIN,
    /** 医保局/经办机构 staff: registration, rosters, assessment, reconciliation. */
    COUNTY_STAFF,
    /** 乡镇/村 workers: register residents and follow up in their township. */
    TOWNSHIP_WORKER,
    /** Read-only progress dashboards. */
    SUPERVISOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
