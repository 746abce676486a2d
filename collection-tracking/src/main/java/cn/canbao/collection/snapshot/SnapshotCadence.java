package cn.canbao.collection.snapshot;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;

import cn.canbao.region.RegionLevel;

/**
 * When progress snapshots are kept: villages and townships weekly (每周统计公布各村（社区）参保缴费进度),
 * counties and above every two weeks (县税务局每两周进行参保缴费进度统计通报), both 怀远县2025年度居民医保参保缴费工作方案
 * 七（四）. A snapshot is taken as of the end of a Sunday; the two-week rhythm counts from the first
 * Sunday of the collection window.
 */
public final class SnapshotCadence {

    private SnapshotCadence() {
    }

    public static boolean isDue(RegionLevel level, LocalDate date, LocalDate windowStart) {
        if (date.getDayOfWeek() != DayOfWeek.SUNDAY || date.isBefore(windowStart)) {
            return false;
        }
        if (level == RegionLevel.VILLAGE || level == RegionLevel.TOWNSHIP) {
            return true;
        }
        LocalDate firstSunday = windowStart.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        return ChronoUnit.WEEKS.between(firstSunday, date) % 2 == 0;
    }

    /** Every level due on the date, top level last so the cheap village rows go first. */
    public static List<RegionLevel> levelsDue(LocalDate date, LocalDate windowStart) {
        return Arrays.stream(RegionLevel.values()).filter(l -> isDue(l, date, windowStart)).toList();
    }
}
