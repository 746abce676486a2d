package cn.canbao.collection.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.file.PolicyFile;
import cn.canbao.policy.file.PolicyFile.CollectionTargets;
import cn.canbao.policy.file.PolicyFile.RateTarget;
import cn.canbao.policy.file.PolicyFile.TargetPopulation;
import cn.canbao.region.RegionCode;

/**
 * Collection targets derived from the policy files, the only source of targets and milestones
 * (docs/collection.md, decision 17). A region has a target for a year when its own file's
 * {@code collectionTargets} says how the base is counted ({@code base}); it then applies to every unit below
 * it unless a lower region's file has its own.
 */
public final class PolicyTargets {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PolicyTargets() {
    }

    /** Every target the catalog's files define. */
    public static List<CollectionTarget> of(PolicyCatalog catalog) {
        List<CollectionTarget> targets = new ArrayList<>();
        for (PolicyFile file : catalog.files().values()) {
            if (file.collectionTargets() == null || file.collectionTargets().base() == null) {
                continue;
            }
            RegionCode region = RegionCode.of(file.region());
            EffectivePolicy policy = catalog.effective(region, file.coverageYear()).orElseThrow();
            targets.add(from(region, file.coverageYear(), file.collectionTargets(), policy));
        }
        return targets;
    }

    /**
     * One region's target. The overall rate is the {@code ALL_RESIDENTS} rate, else 100% (an official target
     * count is itself the task); the special rate is the low-income/poverty-alleviated or named-groups rate.
     * The milestones are the file's, plus {@code countedAsOf} as 100% of the task when no milestone falls on
     * that day (怀远县 counts completions as of 2024-12-31). The window starts on the collection window's
     * first day.
     */
    static CollectionTarget from(RegionCode region, int coverageYear, CollectionTargets policy, EffectivePolicy effective) {
        PolicyFile.DatedPeriod window = effective.collectionWindow().orElseThrow(() -> new IllegalStateException(
                "the policy of " + region + " " + coverageYear + " sets collection targets but no collection window"));
        Set<String> citations = new LinkedHashSet<>();
        citations.add(policy.base().cite().reference());
        Optional<RateTarget> overall = rate(policy, TargetPopulation.ALL_RESIDENTS);
        Optional<RateTarget> special = rate(policy, TargetPopulation.LOW_INCOME_AND_POVERTY_ALLEVIATED)
                .or(() -> rate(policy, TargetPopulation.NAMED_SPECIAL_GROUPS));
        overall.ifPresent(r -> citations.add(r.cite().reference()));
        special.ifPresent(r -> citations.add(r.cite().reference()));
        List<Milestone> milestones = new ArrayList<>();
        for (PolicyFile.Milestone m : policy.milestones()) {
            milestones.add(new Milestone(m.date(), share(m.percentOfTarget()), m.cite().reference()));
        }
        if (policy.countedAsOf() != null && milestones.stream().noneMatch(m -> m.due().equals(policy.countedAsOf().date()))) {
            milestones.add(new Milestone(policy.countedAsOf().date(), BigDecimal.ONE, policy.countedAsOf().cite().reference()));
        }
        milestones.forEach(m -> citations.add(m.citation()));
        citations.add(window.cite().reference());
        return new CollectionTarget(region, coverageYear, BaseRule.valueOf(policy.base().rule().name()),
                overall.map(r -> share(r.minimumPercent())).orElse(BigDecimal.ONE), special.map(r -> share(r.minimumPercent())),
                new MilestoneSchedule(window.start(), milestones), String.join("、", citations));
    }

    private static Optional<RateTarget> rate(CollectionTargets policy, TargetPopulation population) {
        return policy.rates().stream().filter(r -> r.population() == population).findFirst();
    }

    private static BigDecimal share(BigDecimal percent) {
        return percent.divide(HUNDRED, 4, RoundingMode.UNNECESSARY).stripTrailingZeros();
    }
}
