package cn.canbao.collection.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import cn.canbao.region.RegionCode;
import org.junit.jupiter.api.Test;

class ScheduleEvaluatorTest {

    private static final RegionCode HAILAR = RegionCode.of("150702");
    private static final RegionCode ARONG = RegionCode.of("150721");
    private static final RegionCode GENHE = RegionCode.of("150785");

    /** Base 1020, task ceil(1020 x 0.95) = 969; special population 100, special task 99. */
    private static ScheduleStatus status(RegionCode unit, LocalDate date, long paid, long specialPaid) {
        Progress progress = Progress.of(unit, 2025, date, BaseRule.PRIOR_YEAR_PLUS_NEW,
                new ProgressCounts(1000, 20, OptionalLong.empty(), 1000, paid, 100, specialPaid));
        return ScheduleEvaluator.evaluate(progress, HulunbuirTargets.TARGET, date);
    }

    @Test
    void theDayBeforeTheDecemberMilestoneNothingIsRequiredYet() {
        ScheduleStatus status = status(HAILAR, LocalDate.of(2024, 12, 30), 770, 78);

        assertThat(status.milestone()).isEmpty();
        assertThat(status.required()).isZero();
        assertThat(status.behindSchedule()).isFalse();
        // pace: 119 of 120 days to 80% = 0.7933 of 969 = 768.7 -> 769 people; 770 paid keeps pace
        assertThat(status.paceRequired()).isEqualTo(769);
        assertThat(status.paceGap()).isZero();
    }

    @Test
    void onTheDecemberMilestoneEightyPercentOfTheTaskIsRequired() {
        ScheduleStatus status = status(HAILAR, LocalDate.of(2024, 12, 31), 770, 78);

        assertThat(status.task()).isEqualTo(969);
        assertThat(status.required()).isEqualTo(776); // ceil(969 x 0.8 = 775.2)
        assertThat(status.gap()).isEqualTo(6);
        assertThat(status.specialRequired()).isEqualTo(80); // ceil(99 x 0.8 = 79.2)
        assertThat(status.specialGap()).isEqualTo(2);
        assertThat(status.behindSchedule()).isTrue();
    }

    @Test
    void theDayAfterTheDecemberMilestoneStillRequiresEightyPercent() {
        ScheduleStatus status = status(HAILAR, LocalDate.of(2025, 1, 1), 776, 80);

        assertThat(status.requiredShare()).isEqualByComparingTo("0.80");
        assertThat(status.behindSchedule()).isFalse();
    }

    @Test
    void theFebruaryMilestoneRequiresTheWholeTaskFromItsDayOn() {
        assertThat(status(HAILAR, LocalDate.of(2025, 2, 27), 960, 99).behindSchedule()).isFalse();
        ScheduleStatus onTheDay = status(HAILAR, LocalDate.of(2025, 2, 28), 960, 99);
        assertThat(onTheDay.required()).isEqualTo(969);
        assertThat(onTheDay.gap()).isEqualTo(9);
        assertThat(status(HAILAR, LocalDate.of(2025, 3, 1), 960, 99).gap()).isEqualTo(9);
    }

    @Test
    void unitsBehindAreRankedByTheirGapInPeople() {
        LocalDate day = LocalDate.of(2024, 12, 31);
        List<ScheduleStatus> ranked = ScheduleEvaluator.behindRanked(List.of(
                status(HAILAR, day, 770, 80), status(ARONG, day, 700, 80), status(GENHE, day, 800, 80)));

        assertThat(ranked).extracting(ScheduleStatus::unit).containsExactly(ARONG, HAILAR);
        assertThat(ranked).extracting(ScheduleStatus::gap).containsExactly(76L, 6L);
    }

    @Test
    void thePaceGrowsInAStraightLineToEachMilestone() {
        MilestoneSchedule schedule = HulunbuirTargets.SCHEDULE;

        assertThat(schedule.paceShareOn(LocalDate.of(2024, 9, 2))).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(schedule.paceShareOn(LocalDate.of(2024, 12, 31))).isEqualByComparingTo("0.80");
        // 2025-01-29 is 29 of the 59 days from 2024-12-31 to 2025-02-28: 0.8 + 0.2 x 29/59 = 0.8983
        assertThat(schedule.paceShareOn(LocalDate.of(2025, 1, 29))).isEqualByComparingTo("0.8983");
        assertThat(schedule.paceShareOn(LocalDate.of(2025, 6, 1))).isEqualByComparingTo("1");
    }
}
