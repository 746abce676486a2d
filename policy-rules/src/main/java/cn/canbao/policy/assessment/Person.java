package cn.canbao.policy.assessment;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.LateReason;
import cn.canbao.policy.ParticipantCategory;

/**
 * What the calculator needs to know about a person. Start with {@link #of} and add what applies with the
 * {@code with…} methods.
 *
 * @param lapseYears                      years without insurance before this enrollment (断保), for waiting periods
 * @param paidBackYears                   lapse years paid back afterwards (补缴), each shortening the waiting period
 * @param lateReason                      why a late enrollment may use a green channel
 * @param diedBeforeHouseholdRegistration a newborn who died before household registration (参保登记前死亡)
 * @param parentName                      the parent whose name and ID register such a newborn
 */
public record Person(LocalDate birthDate, ParticipantCategory category, Set<Identity> identities, FamilyRole familyRole,
                     int lapseYears, int paidBackYears, LateReason lateReason, boolean diedBeforeHouseholdRegistration,
                     String parentName) {

    public Person {
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(category, "category");
        identities = identities == null || identities.isEmpty() ? EnumSet.noneOf(Identity.class) : EnumSet.copyOf(identities);
        familyRole = familyRole == null ? FamilyRole.OTHER : familyRole;
        lateReason = lateReason == null ? LateReason.NONE : lateReason;
        if (lapseYears < 0 || paidBackYears < 0) {
            throw new IllegalArgumentException("lapseYears and paidBackYears cannot be negative");
        }
        if (paidBackYears > lapseYears) {
            throw new IllegalArgumentException("paidBackYears (" + paidBackYears + ") exceeds lapseYears (" + lapseYears + ")");
        }
        if (diedBeforeHouseholdRegistration && category != ParticipantCategory.NEWBORN) {
            throw new IllegalArgumentException("only a NEWBORN can have died before household registration");
        }
    }

    public static Person of(LocalDate birthDate, ParticipantCategory category, Identity... identities) {
        return new Person(birthDate, category, identities.length == 0 ? Set.of() : EnumSet.of(identities[0], identities),
                FamilyRole.OTHER, 0, 0, LateReason.NONE, false, null);
    }

    public Person withIdentities(Collection<Identity> newIdentities) {
        return new Person(birthDate, category, newIdentities == null ? Set.of() : Set.copyOf(newIdentities), familyRole,
                lapseYears, paidBackYears, lateReason, diedBeforeHouseholdRegistration, parentName);
    }

    public Person withFamilyRole(FamilyRole role) {
        return new Person(birthDate, category, identities, role, lapseYears, paidBackYears, lateReason,
                diedBeforeHouseholdRegistration, parentName);
    }

    public Person withLapse(int years, int paidBack) {
        return new Person(birthDate, category, identities, familyRole, years, paidBack, lateReason,
                diedBeforeHouseholdRegistration, parentName);
    }

    public Person withLateReason(LateReason reason) {
        return new Person(birthDate, category, identities, familyRole, lapseYears, paidBackYears, reason,
                diedBeforeHouseholdRegistration, parentName);
    }

    public Person diedBeforeRegistration(String parent) {
        return new Person(birthDate, category, identities, familyRole, lapseYears, paidBackYears, lateReason, true, parent);
    }

    /** Completed years of age on a date. */
    public int ageOn(LocalDate date) {
        return java.time.Period.between(birthDate, date).getYears();
    }
}
