package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/**
 * Where one unit stands against its milestone schedule on a date. All counts are people.
 *
 * @param milestone the last milestone reached on the date, if any
 * @param task people who must be paid for the full target (base x target rate, rounded up)
 * @param required people who must be paid by the date (task x required share, rounded up)
 * @param gap people missing to reach {@code required}; 0 when on schedule
 * @param specialGap the same for the low-income and poverty-alleviated population
 * @param paceRequired people needed to keep the time-proportional pace (序时进度)
 * @param paceGap people missing to keep pace
 * @param baseKnown false when the base is an official target that was never entered; nothing is
 *     then required and the unit is listed separately
 */
public record ScheduleStatus(RegionCode unit, LocalDate date, Optional<Milestone> milestone, BigDecimal requiredShare,
                             long task, long required, long paid, long gap,
                             long specialTask, long specialRequired, long specialPaid, long specialGap,
                             long paceRequired, long paceGap, boolean baseKnown) {

    /** Behind a milestone that has been reached, overall or for the special population. */
    public boolean behindSchedule() {
        return gap > 0 || specialGap > 0;
    }
}
