package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dated milestones of one region and year, from the start of the collection window.
 * A milestone counts completions up to and including its due date.
 */
public record MilestoneSchedule(LocalDate windowStart, List<Milestone> milestones) {

    public MilestoneSchedule {
        Objects.requireNonNull(windowStart, "window start");
        milestones = milestones.stream().sorted(Comparator.comparing(Milestone::due)).toList();
        for (int i = 0; i < milestones.size(); i++) {
            Milestone m = milestones.get(i);
            if (!m.due().isAfter(windowStart)) {
                throw new IllegalArgumentException("milestone " + m.due() + " is not after the window start " + windowStart);
            }
            if (i > 0 && (m.due().equals(milestones.get(i - 1).due()) || m.requiredShare().compareTo(milestones.get(i - 1).requiredShare()) < 0)) {
                throw new IllegalArgumentException("milestones must have distinct dates and shares that never fall");
            }
        }
    }

    /** The latest milestone whose due date has been reached on {@code date}. */
    public Optional<Milestone> reachedOn(LocalDate date) {
        return milestones.stream().filter(m -> !m.due().isAfter(date)).reduce((first, second) -> second);
    }

    /** Share of the task that must be done by the end of {@code date}: that of the last milestone reached. */
    public BigDecimal requiredShareOn(LocalDate date) {
        return reachedOn(date).map(Milestone::requiredShare).orElse(BigDecimal.ZERO);
    }

    /**
     * Time-proportional share (序时进度, 怀远县2025年度居民医保参保缴费工作方案 七（四）): straight lines from
     * zero at the window start through each milestone, flat after the last.
     */
    public BigDecimal paceShareOn(LocalDate date) {
        LocalDate fromDate = windowStart.minusDays(1);
        BigDecimal fromShare = BigDecimal.ZERO;
        for (Milestone m : milestones) {
            if (!date.isAfter(m.due())) {
                if (!date.isAfter(fromDate)) {
                    return fromShare;
                }
                long span = ChronoUnit.DAYS.between(fromDate, m.due());
                long done = ChronoUnit.DAYS.between(fromDate, date);
                return fromShare.add(m.requiredShare().subtract(fromShare)
                        .multiply(BigDecimal.valueOf(done)).divide(BigDecimal.valueOf(span), 4, RoundingMode.HALF_UP));
            }
            fromDate = m.due();
            fromShare = m.requiredShare();
        }
        return fromShare;
    }
}
