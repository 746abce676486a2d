package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Compares units' progress with their milestone schedules and ranks those behind (预警通报,
 * 呼医保发〔2024〕13号 六（四）; 怀远县2025年度居民医保参保缴费工作方案 七（四）).
 */
public final class ScheduleEvaluator {

    /** Largest gap in people first, then the special-population gap, then region code. */
    public static final Comparator<ScheduleStatus> RANKING = Comparator.comparingLong(ScheduleStatus::gap).reversed()
            .thenComparing(Comparator.comparingLong(ScheduleStatus::specialGap).reversed())
            .thenComparing(ScheduleStatus::unit);

    private ScheduleEvaluator() {
    }

    public static ScheduleStatus evaluate(Progress progress, CollectionTarget target, LocalDate date) {
        MilestoneSchedule schedule = target.schedule();
        BigDecimal share = schedule.requiredShareOn(date);
        BigDecimal pace = schedule.paceShareOn(date);
        long task = progress.base().map(b -> ceil(BigDecimal.valueOf(b).multiply(target.targetRate()))).orElse(0L);
        long required = ceil(BigDecimal.valueOf(task).multiply(share));
        long paceRequired = ceil(BigDecimal.valueOf(task).multiply(pace));
        long specialTask = target.specialTargetRate()
                .map(r -> ceil(BigDecimal.valueOf(progress.specialPopulation()).multiply(r))).orElse(0L);
        long specialRequired = ceil(BigDecimal.valueOf(specialTask).multiply(share));
        return new ScheduleStatus(progress.unit(), date, schedule.reachedOn(date), share, task, required, progress.paid(),
                Math.max(0, required - progress.paid()), specialTask, specialRequired, progress.specialPaid(),
                Math.max(0, specialRequired - progress.specialPaid()), paceRequired, Math.max(0, paceRequired - progress.paid()),
                progress.base().isPresent());
    }

    /** The units behind schedule, worst first. */
    public static List<ScheduleStatus> behindRanked(List<ScheduleStatus> statuses) {
        return statuses.stream().filter(ScheduleStatus::behindSchedule).sorted(RANKING).toList();
    }

    private static long ceil(BigDecimal value) {
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
