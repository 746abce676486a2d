package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

class AssessmentInputTest {

    private static AssessmentInput input(EnumSet<Identity> identities, boolean paid) {
        return new AssessmentInput(1, "340321100000", ParticipantCategory.RESIDENT, LocalDate.of(1970, 1, 1), identities,
                FamilyRole.PARENT, LocalDate.of(2024, 10, 20), paid);
    }

    @Test
    void theFingerprintStaysForEqualInputsAndPolicyAndMovesWhenEitherChanges() {
        long stored = input(EnumSet.of(Identity.DIBAO), true).fingerprint("17");

        assertThat(input(EnumSet.of(Identity.DIBAO), true).fingerprint("17")).isEqualTo(stored);
        assertThat(input(EnumSet.of(Identity.DIBAO), true).fingerprint("18")).as("policy version").isNotEqualTo(stored);
        assertThat(input(EnumSet.of(Identity.TEKUN), true).fingerprint("17")).as("identity").isNotEqualTo(stored);
        assertThat(input(EnumSet.of(Identity.DIBAO), false).fingerprint("17")).as("paid").isNotEqualTo(stored);
    }
}
