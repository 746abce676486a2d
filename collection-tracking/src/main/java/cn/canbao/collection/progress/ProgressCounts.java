package cn.canbao.collection.progress;

import java.util.OptionalLong;

/**
 * The raw counts of one org unit, year and date, as the rollups hold them.
 *
 * @param priorYearEnrolled people enrolled and paid in the prior coverage year
 * @param newlyRegistered people registered this year who were not enrolled in the prior year
 * @param officialTarget the target count entered by county staff, when entered
 * @param enrolled people registered for the year (参保登记) by the date
 * @param paid people whose assessed amount is paid by the date (参保缴费完成)
 * @param specialPopulation low-income and poverty-alleviated people of the unit
 * @param specialPaid of those, people paid by the date
 */
public record ProgressCounts(long priorYearEnrolled, long newlyRegistered, OptionalLong officialTarget,
                             long enrolled, long paid, long specialPopulation, long specialPaid) {

    public static final ProgressCounts NONE = new ProgressCounts(0, 0, OptionalLong.empty(), 0, 0, 0, 0);

    public ProgressCounts {
        officialTarget = officialTarget == null ? OptionalLong.empty() : officialTarget;
        if (priorYearEnrolled < 0 || newlyRegistered < 0 || enrolled < 0 || paid < 0 || specialPopulation < 0 || specialPaid < 0
                || officialTarget.orElse(0) < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Sums two units' counts; official targets add up when both have one. */
    public ProgressCounts plus(ProgressCounts other) {
        OptionalLong target = officialTarget.isPresent() && other.officialTarget.isPresent()
                ? OptionalLong.of(officialTarget.getAsLong() + other.officialTarget.getAsLong())
                : officialTarget.isPresent() ? officialTarget : other.officialTarget;
        return new ProgressCounts(priorYearEnrolled + other.priorYearEnrolled, newlyRegistered + other.newlyRegistered, target,
                enrolled + other.enrolled, paid + other.paid, specialPopulation + other.specialPopulation, specialPaid + other.specialPaid);
    }
}
