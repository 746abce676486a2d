package cn.canbao.policy.effective;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

import cn.canbao.policy.Citation;
import cn.canbao.policy.file.PolicyFile.CategoryExtension;
import cn.canbao.policy.file.PolicyFile.CategoryStandard;
import cn.canbao.policy.file.PolicyFile.CitedAmount;
import cn.canbao.policy.file.PolicyFile.CollectionTargets;
import cn.canbao.policy.file.PolicyFile.DatedPeriod;
import cn.canbao.policy.file.PolicyFile.EligibleCategory;
import cn.canbao.policy.file.PolicyFile.FiscalRules;
import cn.canbao.policy.file.PolicyFile.FiscalShare;
import cn.canbao.policy.file.PolicyFile.FiscalTier;
import cn.canbao.policy.file.PolicyFile.FunderPart;
import cn.canbao.policy.file.PolicyFile.GreenChannel;
import cn.canbao.policy.file.PolicyFile.NewbornRules;
import cn.canbao.policy.file.PolicyFile.RefundRules;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.policy.file.PolicyFile.WaitingPeriodRules;

/** Flattens an effective policy into readable entries (rule, item, value, source, citation). */
final class PolicyEntries {

    private final String region;
    private final List<PolicyEntry> entries = new ArrayList<>();

    PolicyEntries(String region) {
        this.region = region;
    }

    List<PolicyEntry> list() {
        return List.copyOf(entries);
    }

    private void add(String rule, String item, String value, Sourced<?> source, Citation cite) {
        entries.add(new PolicyEntry(rule, item, value, source.fromRegion(), source.fromFile(),
                !source.fromRegion().equals(region), cite));
    }

    void amount(String rule, Sourced<CitedAmount> amount) {
        if (amount != null) {
            add(rule, "", amount(amount.value()), amount, amount.value().cite());
        }
    }

    private static String amount(CitedAmount amount) {
        return (amount.minimum() ? "≥ " : "") + amount.amount();
    }

    void categoryStandards(Sourced<List<CategoryStandard>> standards) {
        if (standards != null) {
            for (CategoryStandard s : standards.value()) {
                add("categoryStandards", s.category() + (s.bornInYear() == null ? "" : " born " + s.bornInYear()),
                        s.amount().toString(), standards, s.cite());
            }
        }
    }

    void eligibleCategories(Sourced<List<EligibleCategory>> categories) {
        if (categories != null) {
            for (EligibleCategory c : categories.value()) {
                add("eligibleCategories", c.category().name(), c.category().chineseName(), categories, c.cite());
            }
        }
    }

    void period(String rule, Sourced<DatedPeriod> period) {
        if (period != null) {
            add(rule, "", period.value().start() + " – " + period.value().end(), period, period.value().cite());
        }
    }

    void extensions(Sourced<List<CategoryExtension>> extensions) {
        if (extensions != null) {
            for (CategoryExtension e : extensions.value()) {
                add("categoryExtensions", e.category().name(), e.start() + " – " + e.end() + ", coverage " + e.coverageFrom(),
                        extensions, e.cite());
            }
        }
    }

    void greenChannels(Sourced<List<GreenChannel>> channels) {
        if (channels != null) {
            for (GreenChannel g : channels.value()) {
                add("greenChannels", g.name(), g.requires() + " " + g.identities() + ", coverage " + g.coverageFrom(), channels, g.cite());
            }
        }
    }

    void newborn(Sourced<NewbornRules> newborn) {
        if (newborn == null) {
            return;
        }
        NewbornRules n = newborn.value();
        add("newborn", "deadline", n.deadlineDays() + " days (by " + n.measuredBy() + ", day " + n.deadlineDays()
                + " included): coverage from " + n.withinDeadline(), newborn, n.cite());
        add("newborn", "afterDeadline", "coverage from " + n.afterDeadline(), newborn,
                n.afterDeadlineCite() != null ? n.afterDeadlineCite() : n.cite());
        if (n.diedBeforeRegistration() != null) {
            add("newborn", "diedBeforeRegistration", "name " + n.diedBeforeRegistration().nameRule() + ", within "
                    + n.diedBeforeRegistration().deadlineDays() + " days; " + n.diedBeforeRegistration().coverage(),
                    newborn, n.diedBeforeRegistration().cite());
        }
    }

    void schemes(Sourced<List<SubsidyScheme>> schemes) {
        if (schemes == null) {
            return;
        }
        for (SubsidyScheme s : schemes.value()) {
            String match = (s.anyOf().isEmpty() ? "" : "any of " + s.anyOf() + " ")
                    + (s.allOf().isEmpty() ? "" : "all of " + s.allOf() + " ") + (s.only() ? "(only these) " : "");
            String conditions = (s.familyRoles().isEmpty() ? "" : " roles " + s.familyRoles())
                    + (s.ageUnder() == null ? "" : " under " + s.ageUnder())
                    + (s.excludedCategories().isEmpty() ? "" : " not " + s.excludedCategories());
            String parts = s.funders().stream().map(PolicyEntries::part).collect(Collectors.joining(", "));
            add("subsidySchemes", s.id() + " " + s.name(), match + "→ " + parts + " " + s.mode() + " priority " + s.priority()
                    + conditions, schemes, s.cite());
        }
    }

    private static String part(FunderPart part) {
        return part.funder() + " " + (part.amount() != null ? part.amount().toString() : part.share().name());
    }

    void refunds(Sourced<RefundRules> refunds) {
        if (refunds == null) {
            return;
        }
        if (refunds.value().beforeCoverageStart() != null) {
            add("refunds", "beforeCoverageStart", refunds.value().beforeCoverageStart().reasons().toString(), refunds,
                    refunds.value().beforeCoverageStart().cite());
        }
        if (refunds.value().afterCoverageStart() != null) {
            add("refunds", "afterCoverageStart", refunds.value().afterCoverageStart().allowed() ? "allowed" : "none", refunds,
                    refunds.value().afterCoverageStart().cite());
        }
    }

    void waitingPeriod(Sourced<WaitingPeriodRules> waiting) {
        if (waiting == null) {
            return;
        }
        WaitingPeriodRules w = waiting.value();
        add("waitingPeriod", "status", w.status().name(), waiting, w.cite());
        if (w.fixedMonths() != null) {
            add("waitingPeriod", "formula", w.fixedMonths() + " months + " + w.monthsPerLapseYear() + " per lapse year − "
                    + w.monthsOffPerPaidBackYear() + " per year paid back", waiting, w.formulaCite());
        }
        if (w.exemptionCite() != null) {
            add("waitingPeriod", "exempt", w.exemptCategories() + " " + w.exemptIdentities(), waiting, w.exemptionCite());
        }
    }

    void fiscal(Sourced<FiscalRules> fiscal) {
        if (fiscal == null) {
            return;
        }
        FiscalRules f = fiscal.value();
        if (f.standard() != null) {
            add("fiscal", "standard", amount(f.standard()), fiscal, f.standard().cite());
        } else {
            add("fiscal", "standard", "not given: " + f.standardNotGiven().text(), fiscal, f.standardNotGiven().cite());
        }
        for (FiscalShare share : f.shares()) {
            String who = share.level() != null ? share.level().name() : share.levels().toString();
            String how = share.percent() != null ? share.percent().toPlainString() + "%"
                    : share.perPerson() != null ? share.perPerson() + " per person"
                    : share.percentOfRemainderByTier() != null ? "of the remainder by tier " + new TreeMap<>(share.percentOfRemainderByTier())
                    : "the rest" + (share.levels().isEmpty() ? "" : " (split not stated)");
            add("fiscal", "share " + who, how, fiscal, share.cite());
        }
        for (FiscalTier tier : f.tiers()) {
            add("fiscal", "tier " + tier.tier(), tier.regions().toString(), fiscal, tier.cite());
        }
        if (f.countBasis() != null) {
            add("fiscal", "countBasis", f.countBasis().text(), fiscal, f.countBasis().cite());
        }
        if (f.preAllocation() != null) {
            add("fiscal", "preAllocation", f.preAllocation().percentOfPriorYearStandard().toPlainString() + "% of "
                    + f.preAllocation().priorYearStandard().amount() + " by " + f.preAllocation().due(), fiscal, f.preAllocation().cite());
        }
        if (f.settlementDue() != null) {
            add("fiscal", "settlementDue", f.settlementDue().date().toString(), fiscal, f.settlementDue().cite());
        }
    }

    void targets(Sourced<CollectionTargets> targets) {
        if (targets == null) {
            return;
        }
        CollectionTargets t = targets.value();
        if (t.base() != null) {
            add("collectionTargets", "base", t.base().rule().name(), targets, t.base().cite());
        }
        t.rates().forEach(r -> add("collectionTargets", "rate " + r.population(), "≥ " + r.minimumPercent().toPlainString() + "%", targets, r.cite()));
        t.milestones().forEach(m -> add("collectionTargets", "milestone " + m.date(), m.percentOfTarget().toPlainString() + "% of target", targets, m.cite()));
        if (t.countedAsOf() != null) {
            add("collectionTargets", "countedAsOf", t.countedAsOf().date().toString(), targets, t.countedAsOf().cite());
        }
        if (t.collectionDeadline() != null) {
            add("collectionTargets", "collectionDeadline", t.collectionDeadline().date().toString(), targets, t.collectionDeadline().cite());
        }
    }
}
