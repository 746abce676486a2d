package cn.canbao.collection.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import cn.canbao.region.RegionLevel;
import org.junit.jupiter.api.Test;

class SnapshotCadenceTest {

    // 怀远县: window opens Sunday 2024-09-01.
    private static final LocalDate WINDOW_START = LocalDate.of(2024, 9, 1);

    @Test
    void villagesAndTownshipsAreKeptEverySunday() {
        assertThat(SnapshotCadence.isDue(RegionLevel.VILLAGE, LocalDate.of(2024, 9, 8), WINDOW_START)).isTrue();
        assertThat(SnapshotCadence.isDue(RegionLevel.TOWNSHIP, LocalDate.of(2024, 9, 15), WINDOW_START)).isTrue();
        assertThat(SnapshotCadence.isDue(RegionLevel.VILLAGE, LocalDate.of(2024, 9, 9), WINDOW_START)).isFalse();
    }

    @Test
    void countiesAreKeptEverySecondSundayFromTheFirstSundayOfTheWindow() {
        assertThat(SnapshotCadence.isDue(RegionLevel.COUNTY, LocalDate.of(2024, 9, 1), WINDOW_START)).isTrue();
        assertThat(SnapshotCadence.isDue(RegionLevel.COUNTY, LocalDate.of(2024, 9, 8), WINDOW_START)).isFalse();
        assertThat(SnapshotCadence.isDue(RegionLevel.COUNTY, LocalDate.of(2024, 9, 15), WINDOW_START)).isTrue();
        assertThat(SnapshotCadence.levelsDue(LocalDate.of(2024, 9, 8), WINDOW_START))
                .containsExactly(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE);
    }

    @Test
    void nothingIsKeptBeforeTheWindowOpens() {
        assertThat(SnapshotCadence.levelsDue(LocalDate.of(2024, 8, 25), WINDOW_START)).isEmpty();
    }
}
