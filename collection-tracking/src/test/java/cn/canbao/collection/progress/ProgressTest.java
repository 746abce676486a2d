package cn.canbao.collection.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.OptionalLong;

import cn.canbao.region.RegionCode;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final RegionCode HAILAR = RegionCode.of("150702");
    private static final LocalDate DAY = LocalDate.of(2024, 12, 31);

    @Test
    void theBaseIsLastYearsEnrolledPlusTheNewlyRegisteredAndRatesHaveFourDecimals() {
        ProgressCounts counts = new ProgressCounts(1000, 20, OptionalLong.of(900), 990, 970, 100, 98);

        Progress progress = Progress.of(HAILAR, 2025, DAY, BaseRule.PRIOR_YEAR_PLUS_NEW, counts);

        assertThat(progress.base()).contains(1020L);
        assertThat(progress.enrolledRate()).contains(new BigDecimal("0.9706")); // 990 / 1020
        assertThat(progress.paidRate()).contains(new BigDecimal("0.9510")); // 970 / 1020 = 0.95098
        assertThat(progress.specialRate()).contains(new BigDecimal("0.9800"));
    }

    @Test
    void anOfficialTargetReplacesTheComputedBaseWhenThePolicySaysSo() {
        ProgressCounts counts = new ProgressCounts(1000, 20, OptionalLong.of(800), 990, 600, 0, 0);

        Progress progress = Progress.of(HAILAR, 2025, DAY, BaseRule.OFFICIAL_TARGET, counts);

        assertThat(progress.base()).contains(800L);
        assertThat(progress.paidRate()).contains(new BigDecimal("0.7500"));
        assertThat(progress.specialRate()).isEmpty();
    }

    @Test
    void withoutAnEnteredTargetThereIsNoBaseAndNoRate() {
        Progress progress = Progress.of(HAILAR, 2025, DAY, BaseRule.OFFICIAL_TARGET,
                new ProgressCounts(1000, 20, OptionalLong.empty(), 990, 600, 0, 0));

        assertThat(progress.base()).isEmpty();
        assertThat(progress.paidRate()).isEmpty();
    }

    @Test
    void countsOfChildUnitsAddUp() {
        ProgressCounts a = new ProgressCounts(10, 1, OptionalLong.of(9), 8, 7, 3, 2);
        ProgressCounts b = new ProgressCounts(20, 2, OptionalLong.empty(), 18, 17, 4, 4);

        assertThat(a.plus(b)).isEqualTo(new ProgressCounts(30, 3, OptionalLong.of(9), 26, 24, 7, 6));
    }
}
