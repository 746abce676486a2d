package cn.canbao.enrollment.resident;

import cn.canbao.policy.ParticipantCategory;

/**
 * Search criteria; every one is optional. {@code regionCode} narrows within the user's region;
 * {@code name} matches from the start; {@code documentNumber} matches exactly.
 */
public record ResidentQuery(String regionCode, String name, String documentNumber, ParticipantCategory category,
        Long householdId) {

    public static ResidentQuery all() {
        return new ResidentQuery(null, null, null, null, null);
    }
}
