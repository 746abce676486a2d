package cn.canbao.collection.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

class PolicyTargetsTest {

    private static final List<CollectionTarget> TARGETS = PolicyTargets.of(PolicyCatalog.fromClasspath());

    private static CollectionTarget target(String region, int year) {
        return TARGETS.stream().filter(t -> t.region().equals(RegionCode.of(region)) && t.coverageYear() == year).findFirst().orElseThrow();
    }

    @Test
    void onlyRegionsWhosePolicySaysHowTheBaseIsCountedHaveTargets() {
        assertThat(TARGETS).extracting(t -> t.region().value() + "-" + t.coverageYear()).containsExactlyInAnyOrder("150700-2025", "340321-2025");
    }

    @Test
    void hulunbuirCountsLastYearsEnrolledPlusTheNewWith95And99PercentAndTwoMilestones() {
        CollectionTarget hulunbuir = target("150700", 2025);

        assertThat(hulunbuir.baseRule()).isEqualTo(BaseRule.PRIOR_YEAR_PLUS_NEW);
        assertThat(hulunbuir.targetRate()).isEqualByComparingTo("0.95");
        assertThat(hulunbuir.specialTargetRate()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.99"));
        assertThat(hulunbuir.schedule().windowStart()).isEqualTo(LocalDate.of(2024, 9, 3));
        assertThat(hulunbuir.schedule().milestones()).extracting(Milestone::due, m -> m.requiredShare().stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2024, 12, 31), "0.8"),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2025, 2, 28), "1"));
        assertThat(hulunbuir.schedule().milestones()).allSatisfy(m -> assertThat(m.citation()).isEqualTo("呼医保发〔2024〕13号 六（四）"));
        assertThat(hulunbuir.citation()).contains("呼医保发〔2024〕13号 六（三）", "呼医保发〔2024〕13号 六（一）一是", "呼医保发〔2024〕13号 三");
    }

    @Test
    void huaiyuanCountsAgainstEnteredTargetsWithTheWholeTaskDueOnTheThirtyFirstOfDecember() {
        CollectionTarget huaiyuan = target("340321", 2025);

        assertThat(huaiyuan.baseRule()).isEqualTo(BaseRule.OFFICIAL_TARGET);
        assertThat(huaiyuan.targetRate()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(huaiyuan.specialTargetRate()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo(BigDecimal.ONE));
        assertThat(huaiyuan.schedule().windowStart()).isEqualTo(LocalDate.of(2024, 9, 1));
        assertThat(huaiyuan.schedule().milestones()).singleElement().satisfies(m -> {
            assertThat(m.due()).isEqualTo(LocalDate.of(2024, 12, 31));
            assertThat(m.requiredShare()).isEqualByComparingTo(BigDecimal.ONE);
            assertThat(m.citation()).isEqualTo("怀远县2025年度居民医保参保缴费工作方案 七（四）");
        });
        assertThat(huaiyuan.citation()).startsWith("怀远县2025年度居民医保参保缴费工作方案 七（四）").contains("七（一）");
    }

    @Test
    void aHuaiyuanTownshipShortOfItsTargetIsBehindFromTheThirtyFirstOfDecemberButNotTheDayBefore() {
        CollectionTarget huaiyuan = target("340321", 2025);
        RegionCode rongcheng = RegionCode.of("340321100000");

        ScheduleStatus dayBefore = status(huaiyuan, rongcheng, LocalDate.of(2024, 12, 30));
        ScheduleStatus onTheDay = status(huaiyuan, rongcheng, LocalDate.of(2024, 12, 31));

        assertThat(dayBefore.behindSchedule()).isFalse();
        assertThat(onTheDay.behindSchedule()).isTrue();
        assertThat(onTheDay.required()).isEqualTo(10);
        assertThat(onTheDay.gap()).isEqualTo(1);
    }

    /** Entered target 10, 9 paid; special population 2, both paid. */
    private static ScheduleStatus status(CollectionTarget target, RegionCode unit, LocalDate date) {
        Progress progress = Progress.of(unit, 2025, date, target.baseRule(),
                new ProgressCounts(0, 10, OptionalLong.of(10), 10, 9, 2, 2));
        return ScheduleEvaluator.evaluate(progress, target, date);
    }
}
