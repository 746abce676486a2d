package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/**
 * The policy data of one region and year that progress is measured against.
 *
 * @param region the region the target is set for; it applies to every unit below it
 * @param baseRule how the number who should enroll is fixed
 * @param targetRate share of the base that must be paid (1 = 100%)
 * @param specialTargetRate share of the low-income and poverty-alleviated population that must be
 *     paid, when the policy sets one
 * @param schedule the dated milestones, as shares of the task
 * @param citation where the values come from
 */
public record CollectionTarget(RegionCode region, int coverageYear, BaseRule baseRule, BigDecimal targetRate,
                               Optional<BigDecimal> specialTargetRate, MilestoneSchedule schedule, String citation) {

    public CollectionTarget {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(baseRule, "base rule");
        Objects.requireNonNull(schedule, "schedule");
        requireShare(targetRate);
        specialTargetRate = specialTargetRate == null ? Optional.empty() : specialTargetRate;
        specialTargetRate.ifPresent(CollectionTarget::requireShare);
    }

    private static void requireShare(BigDecimal rate) {
        if (rate == null || rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a target rate is above 0 and at most 1: " + rate);
        }
    }
}
