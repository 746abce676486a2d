package cn.canbao.subsidy.batch;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

/**
 * Everything the batch feeds the calculator for one enrollment.
 *
 * @param asOf       the date the enrollment is assessed on: the payment date when paid, otherwise the registration date
 * @param personPaid whether the person's contribution is in (decides whether 先缴后补 refunds are owed yet)
 */
public record AssessmentInput(long enrollmentId, String regionCode, ParticipantCategory category, LocalDate birthDate,
                              Set<Identity> identities, FamilyRole familyRole, LocalDate asOf, boolean personPaid) {

    public AssessmentInput {
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(asOf, "asOf");
        identities = identities.isEmpty() ? EnumSet.noneOf(Identity.class) : EnumSet.copyOf(identities);
        familyRole = familyRole == null ? FamilyRole.OTHER : familyRole;
    }

    /**
     * A 64-bit hash of every input and the policy version: equal fingerprints mean the stored result still holds.
     * (A collision would need two different inputs of the same enrollment to hash alike: about 1 in 10^19.)
     */
    public long fingerprint(String policyVersion) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, policyVersion.hashCode());
        h = mix(h, regionCode.hashCode());
        h = mix(h, category.ordinal());
        h = mix(h, birthDate == null ? Long.MIN_VALUE : birthDate.toEpochDay());
        long bits = 0;
        for (Identity identity : identities) {
            bits |= 1L << identity.ordinal();
        }
        h = mix(h, bits);
        h = mix(h, familyRole.ordinal());
        h = mix(h, asOf.toEpochDay());
        h = mix(h, personPaid ? 1 : 0);
        return h;
    }

    private static long mix(long h, long value) {
        long x = h ^ value;
        x *= 0x9E3779B97F4A7C15L;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 32);
    }
}
