package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/**
 * Progress of one org unit on one date.
 *
 * @param base the number who should enroll, by the region's {@link BaseRule}; empty when the rule
 *     is an official target and none was entered
 * @param enrolledRate enrolled / base
 * @param paidRate paid / base: the 参保率 the documents set targets for
 * @param specialRate special paid / special population
 */
public record Progress(RegionCode unit, int coverageYear, LocalDate asOf, BaseRule baseRule, Optional<Long> base,
                       long enrolled, long paid, Optional<BigDecimal> enrolledRate, Optional<BigDecimal> paidRate,
                       long specialPopulation, long specialPaid, Optional<BigDecimal> specialRate) {

    /** Rates are fractions with four decimals (0.9512 = 95.12%), rounded half up. */
    public static final int RATE_SCALE = 4;

    public static Progress of(RegionCode unit, int coverageYear, LocalDate asOf, BaseRule rule, ProgressCounts counts) {
        Optional<Long> base = switch (rule) {
            case PRIOR_YEAR_PLUS_NEW -> Optional.of(counts.priorYearEnrolled() + counts.newlyRegistered());
            case OFFICIAL_TARGET -> counts.officialTarget().isPresent() ? Optional.of(counts.officialTarget().getAsLong()) : Optional.empty();
        };
        return new Progress(unit, coverageYear, asOf, rule, base, counts.enrolled(), counts.paid(),
                base.flatMap(b -> rate(counts.enrolled(), b)), base.flatMap(b -> rate(counts.paid(), b)),
                counts.specialPopulation(), counts.specialPaid(), rate(counts.specialPaid(), counts.specialPopulation()));
    }

    static Optional<BigDecimal> rate(long part, long whole) {
        if (whole <= 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP));
    }
}
