package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/** 呼医保发〔2024〕13号 三, 六（一）, 六（四） as a target, for tests. */
final class HulunbuirTargets {

    static final String CITATION = "呼医保发〔2024〕13号 六（一）、六（四）";
    static final MilestoneSchedule SCHEDULE = new MilestoneSchedule(LocalDate.of(2024, 9, 3), List.of(
            new Milestone(LocalDate.of(2024, 12, 31), new BigDecimal("0.80"), CITATION),
            new Milestone(LocalDate.of(2025, 2, 28), BigDecimal.ONE, CITATION)));
    static final CollectionTarget TARGET = new CollectionTarget(RegionCode.of("150700"), 2025, BaseRule.PRIOR_YEAR_PLUS_NEW,
            new BigDecimal("0.95"), Optional.of(new BigDecimal("0.99")), SCHEDULE, CITATION);

    private HulunbuirTargets() {
    }
}
