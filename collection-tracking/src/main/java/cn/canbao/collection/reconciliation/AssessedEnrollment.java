package cn.canbao.collection.reconciliation;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import cn.canbao.collection.payment.IdNumbers;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * What reconciliation needs to know of one person's enrollment for one coverage year, as the
 * enrollment side (核定) has it.
 *
 * @param idNumber identity number, upper case
 * @param name name as registered
 * @param coverageYear coverage year
 * @param region the village or township the person is enrolled in
 * @param assessedAmount what the person must pay themselves up front (核定应缴额; for 先缴后补 subsidies the
 *     full amount: the later refund is subsidy-engine's refund ledger, not a difference here); empty while
 *     not yet assessed
 * @param registeredOn the day of the enrollment (参保登记)
 * @param newlyRegistered not enrolled in the prior coverage year (part of the progress base)
 * @param special holds a low-income or poverty-alleviated identity (its own progress rate)
 */
public record AssessedEnrollment(
        String idNumber, String name, int coverageYear, RegionCode region, Optional<Money> assessedAmount,
        LocalDate registeredOn, boolean newlyRegistered, boolean special) {

    /** The day test fixtures register on unless they say otherwise: the 怀远县 window's first day. */
    public static final LocalDate FIXTURE_REGISTRATION_DAY = LocalDate.of(2024, 9, 1);

    public AssessedEnrollment {
        idNumber = IdNumbers.normalize(idNumber);
        IdNumbers.problem(idNumber).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(registeredOn, "registered on");
        assessedAmount = assessedAmount == null ? Optional.empty() : assessedAmount;
        assessedAmount.filter(Money::isNegative).ifPresent(a -> {
            throw new IllegalArgumentException("an assessed amount cannot be negative: " + a);
        });
    }

    public static AssessedEnrollment assessed(String idNumber, String name, int year, RegionCode region, Money amount) {
        return new AssessedEnrollment(idNumber, name, year, region, Optional.of(amount), FIXTURE_REGISTRATION_DAY, false, false);
    }

    public static AssessedEnrollment notAssessed(String idNumber, String name, int year, RegionCode region) {
        return new AssessedEnrollment(idNumber, name, year, region, Optional.empty(), FIXTURE_REGISTRATION_DAY, false, false);
    }

    public boolean isAssessed() {
        return assessedAmount.isPresent();
    }
}
