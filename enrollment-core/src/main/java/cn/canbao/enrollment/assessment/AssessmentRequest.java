package cn.canbao.enrollment.assessment;

import java.time.LocalDate;
import java.util.Set;

import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

/**
 * What the policy needs to fix a person's contribution for a coverage year. {@code deceasedNewbornParentName}
 * is set only for a newborn who died before household registration (the parent whose ID registers it).
 */
public record AssessmentRequest(
        String regionCode,
        int coverageYear,
        ParticipantCategory category,
        Set<Identity> identities,
        LocalDate birthDate,
        LocalDate assessedOn,
        String deceasedNewbornParentName) {

    public AssessmentRequest {
        identities = Set.copyOf(identities);
    }
}
