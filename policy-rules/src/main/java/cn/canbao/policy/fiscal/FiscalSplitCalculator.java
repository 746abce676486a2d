package cn.canbao.policy.fiscal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.assessment.Explanation;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.file.PolicyFile.FiscalRules;
import cn.canbao.policy.file.PolicyFile.FiscalShare;
import cn.canbao.policy.file.PolicyFile.FiscalTier;
import cn.canbao.policy.file.PolicyFile.PreAllocation;
import cn.canbao.region.RegionCode;

/**
 * Splits the government subsidy of a region and year among central, provincial, city and county budgets as the
 * policy's fiscal rules say. Amounts are computed on the total (standard × count) in fen; each share rounds half
 * up and the {@code rest} share takes what is left, so the levels always add up to the total. Where a tier, a split
 * or a standard is not in the documents, the answer names it instead of guessing. Pure and thread-safe.
 */
public final class FiscalSplitCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private FiscalSplitCalculator() {
    }

    public static FiscalSplitResult split(PolicyCatalog catalog, RegionCode region, int year, long insuredCount) {
        Optional<EffectivePolicy> policy = catalog.effective(region, year);
        if (policy.isEmpty()) {
            return new FiscalSplitNotComputable(region, year, List.of("no policy file covers region " + region + " for " + year));
        }
        return split(policy.get(), insuredCount);
    }

    public static FiscalSplitResult split(EffectivePolicy policy, long insuredCount) {
        return split(policy, null, insuredCount);
    }

    /**
     * What-if: splits {@code standardPerPerson} (instead of the policy's standard, e.g. a proposed one) with the
     * policy's shares and tiers. Pre-allocation and settlement dates stay as the policy states them.
     */
    public static FiscalSplitResult splitStandard(EffectivePolicy policy, Money standardPerPerson, long insuredCount) {
        if (standardPerPerson == null || standardPerPerson.isNegative()) {
            throw new IllegalArgumentException("a what-if standard per person must be zero or more: " + standardPerPerson);
        }
        return split(policy, standardPerPerson, insuredCount);
    }

    private static FiscalSplitResult split(EffectivePolicy policy, Money standardOverride, long insuredCount) {
        if (insuredCount < 0) {
            throw new IllegalArgumentException("insuredCount cannot be negative: " + insuredCount);
        }
        RegionCode region = policy.region();
        int year = policy.coverageYear();
        FiscalRules rules = policy.fiscal().orElse(null);
        if (rules == null) {
            return new FiscalSplitNotComputable(region, year, List.of("no fiscal cost-sharing rules for region " + region
                    + " in " + year + " (none in its own or any enclosing region's policy file)"));
        }
        List<String> missing = new ArrayList<>();
        String tier = tierOf(rules, region, missing);
        List<Explanation> why = new ArrayList<>();

        List<LevelAmount> levels = List.of();
        Money total = null;
        Money standard = standardOverride != null ? standardOverride : rules.standard() == null ? null : rules.standard().amount();
        if (standardOverride != null) {
            total = standard.times(insuredCount);
            why.add(Explanation.of("fiscal.whatIf", null, standard, insuredCount, total));
            levels = splitAmong(rules, total, insuredCount, BigDecimal.ONE, tier, missing, why);
        } else if (rules.standard() != null) {
            total = rules.standard().amount().times(insuredCount);
            why.add(Explanation.of(rules.standard().minimum() ? "fiscal.standard.minimum" : "fiscal.standard", rules.standard().cite(),
                    rules.standard().amount(), insuredCount, total));
            levels = splitAmong(rules, total, insuredCount, BigDecimal.ONE, tier, missing, why);
        } else {
            missing.add("the " + year + " government subsidy standard per person: " + rules.standardNotGiven().text()
                    + " (" + rules.standardNotGiven().cite().reference() + ")");
        }

        FiscalSplit.PreAllocation preAllocation = null;
        if (rules.preAllocation() != null) {
            PreAllocation pre = rules.preAllocation();
            BigDecimal ratio = pre.percentOfPriorYearStandard().divide(HUNDRED, 10, RoundingMode.UNNECESSARY);
            Money preTotal = pre.priorYearStandard().amount().times(insuredCount).times(ratio);
            why.add(Explanation.of("fiscal.preAllocation", pre.cite(), pre.due(), pre.percentOfPriorYearStandard().toPlainString(),
                    pre.priorYearStandard().amount(), insuredCount, preTotal));
            List<LevelAmount> preLevels = splitAmong(rules, preTotal, insuredCount, ratio, tier, new ArrayList<>(), new ArrayList<>());
            preAllocation = new FiscalSplit.PreAllocation(pre.percentOfPriorYearStandard(), pre.priorYearStandard().amount(),
                    pre.due(), preTotal, preLevels, pre.cite());
        }

        FiscalSplit.Settlement settlement = null;
        if (rules.settlementDue() != null) {
            List<LevelAmount> differences = new ArrayList<>();
            if (!levels.isEmpty() && preAllocation != null && !preAllocation.levels().isEmpty()) {
                for (int i = 0; i < levels.size(); i++) {
                    LevelAmount finalAmount = levels.get(i);
                    differences.add(new LevelAmount(finalAmount.level(), finalAmount.amount().minus(preAllocation.levels().get(i).amount()),
                            rules.settlementDue().cite()));
                }
            } else if (!levels.isEmpty()) {
                levels.forEach(l -> differences.add(new LevelAmount(l.level(), l.amount(), rules.settlementDue().cite())));
            }
            settlement = new FiscalSplit.Settlement(rules.settlementDue().date(), differences, rules.settlementDue().cite());
            why.add(Explanation.of("fiscal.settlement", rules.settlementDue().cite(), rules.settlementDue().date()));
        }

        boolean nothingComputed = levels.isEmpty() && (preAllocation == null || preAllocation.levels().isEmpty());
        if (nothingComputed || (tier == null && needsTier(rules))) {
            return new FiscalSplitNotComputable(region, year, missing);
        }
        if (rules.countBasis() != null) {
            why.add(Explanation.of("fiscal.countBasis", rules.countBasis().cite(), rules.countBasis().text()));
        } else {
            why.add(Explanation.of("fiscal.countBasis.notStated", null));
        }
        return new FiscalSplit(region, year, insuredCount,
                rules.countBasis() == null ? null : rules.countBasis().text(),
                rules.countBasis() == null ? null : rules.countBasis().cite(),
                standard,
                standardOverride == null && rules.standard() != null && rules.standard().minimum(),
                standardOverride != null ? null : rules.standard() == null ? rules.standardNotGiven().cite() : rules.standard().cite(),
                total, levels, preAllocation, settlement, missing, why);
    }

    private static boolean needsTier(FiscalRules rules) {
        return rules.shares().stream().anyMatch(s -> s.percentOfRemainderByTier() != null);
    }

    private static String tierOf(FiscalRules rules, RegionCode region, List<String> missing) {
        if (!needsTier(rules)) {
            return null;
        }
        FiscalShare tiered = rules.shares().stream().filter(s -> s.percentOfRemainderByTier() != null).findFirst().orElseThrow();
        Optional<RegionCode> county = region.county();
        if (county.isEmpty()) {
            missing.add("the share of " + tiered.level() + " depends on the county's tier, and " + region + " is a "
                    + region.level() + ": give a county-level region (" + tiered.cite().reference() + ")");
            return null;
        }
        if (rules.tiers().isEmpty()) {
            missing.add("the tier (" + String.join("/", new java.util.TreeSet<>(tiered.percentOfRemainderByTier().keySet()))
                    + ") of region " + county.get() + ": " + tiered.cite().reference() + " names the tiers but lists no region in any of them");
            return null;
        }
        for (FiscalTier tier : rules.tiers()) {
            if (tier.regions().contains(county.get().value())) {
                return tier.tier();
            }
        }
        missing.add("the tier of region " + county.get() + ": it is on none of the tier lists ("
                + String.join(", ", rules.tiers().stream().map(FiscalTier::tier).toList()) + ") of "
                + rules.tiers().get(0).cite().reference());
        return null;
    }

    private static List<LevelAmount> splitAmong(FiscalRules rules, Money total, long count, BigDecimal ratio, String tier,
                                                List<String> missing, List<Explanation> why) {
        List<LevelAmount> levels = new ArrayList<>();
        Money remaining = total;
        boolean complete = true;
        for (FiscalShare share : rules.shares()) {
            Money amount;
            if (share.percent() != null) {
                amount = total.times(share.percent().divide(HUNDRED, 10, RoundingMode.UNNECESSARY));
                why.add(Explanation.of("fiscal.level.percent", share.cite(), share.level(), share.percent().toPlainString(), total, amount));
            } else if (share.perPerson() != null) {
                amount = share.perPerson().times(count).times(ratio);
                why.add(ratio.compareTo(BigDecimal.ONE) == 0
                        ? Explanation.of("fiscal.level.perPerson", share.cite(), share.level(), share.perPerson(), count, amount)
                        : Explanation.of("fiscal.level.perPerson.ratio", share.cite(), share.level(), share.perPerson(), count,
                                ratio.stripTrailingZeros().toPlainString(), amount));
            } else if (share.percentOfRemainderByTier() != null) {
                BigDecimal percent = tier == null ? null : share.percentOfRemainderByTier().get(tier);
                if (percent == null) {
                    if (tier != null) {
                        missing.add("the " + share.level() + " percent for tier " + tier + " (" + share.cite().reference() + ")");
                    }
                    complete = false;
                    continue;
                }
                amount = remaining.times(percent.divide(HUNDRED, 10, RoundingMode.UNNECESSARY));
                why.add(Explanation.of("fiscal.level.tier", share.cite(), share.level(), percent.toPlainString(), tier, remaining, amount));
            } else if (!share.levels().isEmpty()) {
                missing.add("how " + share.levels() + " divide the rest between them: " + share.cite().reference()
                        + " assigns it to them jointly without a split");
                complete = false;
                continue;
            } else {
                amount = remaining;
                why.add(Explanation.of("fiscal.level.rest", share.cite(), share.level(), amount));
            }
            if (amount.compareTo(remaining) > 0) {
                missing.add("the shares exceed the total at " + share.level() + " (" + share.cite().reference() + ")");
                return List.of();
            }
            remaining = remaining.minus(amount);
            levels.add(new LevelAmount(share.level(), amount, share.cite()));
        }
        if (!complete) {
            return List.of();
        }
        if (!remaining.isZero()) {
            missing.add("the shares leave " + remaining + " of " + total + " to no level");
            return List.of();
        }
        return levels;
    }

    /** A level's amount in a split, or zero when the level has no share. */
    public static Money amountOf(List<LevelAmount> levels, FiscalLevel level) {
        return levels.stream().filter(l -> l.level() == level).map(LevelAmount::amount).findFirst().orElse(Money.ZERO);
    }
}
