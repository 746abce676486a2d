package cn.canbao.enrollment.enrollment;

import cn.canbao.policy.ParticipantCategory;

/**
 * Filters of the enrollment list per township/village: the year is required, the rest optional.
 * {@code regionCode} narrows within the user's region; {@code name} matches from the start.
 */
public record EnrollmentQuery(int coverageYear, String regionCode, EnrollmentStatus status, EnrollmentFlow flow,
        ParticipantCategory category, String name) {
}
