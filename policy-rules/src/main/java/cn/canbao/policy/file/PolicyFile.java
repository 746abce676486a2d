package cn.canbao.policy.file;

import static cn.canbao.policy.file.Checks.listOrEmpty;
import static cn.canbao.policy.file.Checks.nonEmpty;
import static cn.canbao.policy.file.Checks.required;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.LateReason;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.RefundReason;
import cn.canbao.policy.SubsidyMode;

/**
 * One policy file: the rules one region states for one coverage year, exactly as written in
 * {@code policies/<region>-<year>.yaml}. Every top-level key is one rule; a key a file leaves out is
 * inherited from the nearest enclosing region's file for the same year (see {@code docs/policy-rules.md}).
 * Every value carries its own {@link Citation}.
 */
public record PolicyFile(
        String region,
        Integer coverageYear,
        String title,
        CitedAmount personalStandard,
        CitedAmount totalFundingStandard,
        CitedAmount governmentSubsidyStandard,
        List<CategoryStandard> categoryStandards,
        List<EligibleCategory> eligibleCategories,
        DatedPeriod coveragePeriod,
        DatedPeriod collectionWindow,
        List<CategoryExtension> categoryExtensions,
        List<GreenChannel> greenChannels,
        NewbornRules newborn,
        List<SubsidyScheme> subsidySchemes,
        RefundRules refunds,
        WaitingPeriodRules waitingPeriod,
        FiscalRules fiscal,
        CollectionTargets collectionTargets) {

    public PolicyFile {
        required(region, "region");
        required(coverageYear, "coverageYear");
        required(title, "title");
        categoryStandards = nullableList(categoryStandards, "categoryStandards");
        eligibleCategories = nullableList(eligibleCategories, "eligibleCategories");
        categoryExtensions = nullableList(categoryExtensions, "categoryExtensions");
        greenChannels = nullableList(greenChannels, "greenChannels");
        subsidySchemes = nullableList(subsidySchemes, "subsidySchemes");
    }

    /** Lists stay null when the key is absent (so they inherit) and are checked for empty entries when present. */
    private static <T> List<T> nullableList(List<T> values, String field) {
        return values == null ? null : listOrEmpty(values, field);
    }

    /** An amount in yuan; {@code minimum: true} when the document says 不低于 (a floor, not the amount due). */
    public record CitedAmount(Money amount, Boolean minimum, Citation cite) {
        public CitedAmount {
            required(amount, "amount");
            required(cite, "cite");
            minimum = minimum != null && minimum;
            if (amount.isNegative()) {
                throw new IllegalArgumentException("'amount' is negative: " + amount);
            }
        }
    }

    /** A standard that differs for one category, optionally only for people born in one year (2024 newborns pay 380). */
    public record CategoryStandard(ParticipantCategory category, Integer bornInYear, Money amount, Citation cite) {
        public CategoryStandard {
            required(category, "category");
            required(amount, "amount");
            required(cite, "cite");
        }
    }

    public record EligibleCategory(ParticipantCategory category, Citation cite) {
        public EligibleCategory {
            required(category, "category");
            required(cite, "cite");
        }
    }

    /** A closed date range, both days included. */
    public record DatedPeriod(LocalDate start, LocalDate end, Citation cite) {
        public DatedPeriod {
            required(start, "start");
            required(end, "end");
            required(cite, "cite");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("'end' " + end + " is before 'start' " + start);
            }
        }

        public boolean contains(LocalDate date) {
            return !date.isBefore(start) && !date.isAfter(end);
        }
    }

    /** Extra collection days for one category after the window, and when its coverage starts. */
    public record CategoryExtension(ParticipantCategory category, LocalDate start, LocalDate end,
                                    CoverageFrom coverageFrom, Citation cite) {
        public CategoryExtension {
            required(category, "category");
            required(start, "start");
            required(end, "end");
            required(coverageFrom, "coverageFrom");
            required(cite, "cite");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("'end' " + end + " is before 'start' " + start);
            }
        }

        public boolean contains(LocalDate date) {
            return !date.isBefore(start) && !date.isAfter(end);
        }
    }

    /** Late enrollment after the window for people holding one of the identities, for the stated reason. */
    public record GreenChannel(String name, List<Identity> identities, LateReason requires,
                               CoverageFrom coverageFrom, Citation cite) {
        public GreenChannel {
            required(name, "name");
            identities = nonEmpty(identities, "identities");
            required(requires, "requires");
            required(coverageFrom, "coverageFrom");
            required(cite, "cite");
            if (requires == LateReason.NONE) {
                throw new IllegalArgumentException("'requires' must name a reason (NEWLY_IDENTIFIED or LAPSED_NOT_OWN_FAULT)");
            }
        }
    }

    /** Newborn (新生儿) enrollment: the registration deadline and what it means for coverage. */
    public record NewbornRules(Integer deadlineDays, DeadlineMeasuredBy measuredBy, CoverageFrom withinDeadline,
                               CoverageFrom afterDeadline, Integer underAgeYears, Citation cite,
                               Citation afterDeadlineCite, DiedBeforeRegistration diedBeforeRegistration) {
        public NewbornRules {
            required(deadlineDays, "deadlineDays");
            required(measuredBy, "measuredBy");
            required(withinDeadline, "withinDeadline");
            required(afterDeadline, "afterDeadline");
            required(cite, "cite");
            if (deadlineDays < 1) {
                throw new IllegalArgumentException("'deadlineDays' must be positive");
            }
            if (afterDeadline != CoverageFrom.NOT_STATED && afterDeadlineCite == null) {
                throw new IllegalArgumentException("missing 'afterDeadlineCite' for afterDeadline " + afterDeadline);
            }
        }
    }

    /** A newborn who died before household registration (参保登记前死亡), registered under a parent's ID. */
    public record DiedBeforeRegistration(Integer deadlineDays, String nameRule, String nameSuffix,
                                         String coverage, Citation cite) {
        public DiedBeforeRegistration {
            required(deadlineDays, "deadlineDays");
            required(nameRule, "nameRule");
            required(nameSuffix, "nameSuffix");
            required(coverage, "coverage");
            required(cite, "cite");
        }
    }

    public enum DeadlineMeasuredBy { REGISTRATION_DATE, PAYMENT_DATE }

    public enum CoverageFrom { PERIOD_START, BIRTH_DATE, DAY_AFTER_PAYMENT, NOT_STATED }

    /**
     * A special-group subsidy scheme (资助/补贴参保). It matches a person holding any identity of
     * {@code anyOf} (when given) and every identity of {@code allOf}; {@code only} (单纯) also requires that
     * the person holds no other identity the policy's schemes name. Lower {@code priority} wins a tie.
     */
    public record SubsidyScheme(String id, String name, List<Identity> anyOf, List<Identity> allOf, Boolean only,
                                List<FamilyRole> familyRoles, Integer ageUnder,
                                List<ParticipantCategory> excludedCategories, SubsidyMode mode, Integer priority,
                                List<FunderPart> funders, Citation cite, Citation modeCite, Citation conditionCite) {
        public SubsidyScheme {
            required(id, "id");
            required(name, "name");
            anyOf = listOrEmpty(anyOf, "anyOf");
            allOf = listOrEmpty(allOf, "allOf");
            only = only != null && only;
            familyRoles = listOrEmpty(familyRoles, "familyRoles");
            excludedCategories = listOrEmpty(excludedCategories, "excludedCategories");
            required(mode, "mode");
            required(priority, "priority");
            funders = nonEmpty(funders, "funders");
            required(cite, "cite");
            if (anyOf.isEmpty() && allOf.isEmpty()) {
                throw new IllegalArgumentException("scheme '" + id + "' names no identity in 'anyOf' or 'allOf'");
            }
            if ((!familyRoles.isEmpty() || ageUnder != null || !excludedCategories.isEmpty()) && conditionCite == null) {
                throw new IllegalArgumentException("scheme '" + id + "' has conditions but no 'conditionCite'");
            }
        }
    }

    /** One funder's part: a fixed {@code amount}, or a {@code share} of the person's standard. */
    public record FunderPart(Funder funder, Money amount, Share share) {
        public FunderPart {
            required(funder, "funder");
            if ((amount == null) == (share == null)) {
                throw new IllegalArgumentException("a funder part has exactly one of 'amount' or 'share'");
            }
        }
    }

    public enum Share { FULL, HALF }

    /** Refunds before coverage starts for the listed reasons, and whether any refund is possible afterwards. */
    public record RefundRules(RefundsBeforeStart beforeCoverageStart, RefundsAfterStart afterCoverageStart) {
        public RefundRules {
            if (beforeCoverageStart == null && afterCoverageStart == null) {
                throw new IllegalArgumentException("'refunds' needs 'beforeCoverageStart' or 'afterCoverageStart'");
            }
        }
    }

    public record RefundsBeforeStart(List<RefundReason> reasons, Citation cite) {
        public RefundsBeforeStart {
            reasons = nonEmpty(reasons, "reasons");
            required(cite, "cite");
        }
    }

    public record RefundsAfterStart(Boolean allowed, Citation cite) {
        public RefundsAfterStart {
            required(allowed, "allowed");
            required(cite, "cite");
        }
    }

    public enum WaitingPeriodStatus {
        /** The formula applies. */
        ACTIVE,
        /** The document says the rule will come later (待…出台后统一执行). */
        PENDING,
        /** The document says nothing about waiting periods. */
        NOT_STATED
    }

    /**
     * Waiting period (等待期) after enrolling late or after a lapse: {@code fixedMonths} plus
     * {@code monthsPerLapseYear} per year of lapse, minus {@code monthsOffPerPaidBackYear} per year paid back
     * (never below the fixed part). Exempt categories and identities have none.
     */
    public record WaitingPeriodRules(WaitingPeriodStatus status, Integer fixedMonths, Integer monthsPerLapseYear,
                                     Integer monthsOffPerPaidBackYear, Citation formulaCite,
                                     List<ParticipantCategory> exemptCategories, List<Identity> exemptIdentities,
                                     Citation exemptionCite, Citation cite) {
        public WaitingPeriodRules {
            required(status, "status");
            required(cite, "cite");
            exemptCategories = listOrEmpty(exemptCategories, "exemptCategories");
            exemptIdentities = listOrEmpty(exemptIdentities, "exemptIdentities");
            if ((!exemptCategories.isEmpty() || !exemptIdentities.isEmpty()) && exemptionCite == null) {
                throw new IllegalArgumentException("exemptions need 'exemptionCite'");
            }
            boolean formula = fixedMonths != null || monthsPerLapseYear != null || monthsOffPerPaidBackYear != null;
            if (formula) {
                required(fixedMonths, "fixedMonths");
                required(monthsPerLapseYear, "monthsPerLapseYear");
                required(monthsOffPerPaidBackYear, "monthsOffPerPaidBackYear");
                required(formulaCite, "formulaCite");
            } else if (status == WaitingPeriodStatus.ACTIVE) {
                throw new IllegalArgumentException("an ACTIVE waiting period needs fixedMonths, monthsPerLapseYear and monthsOffPerPaidBackYear");
            }
        }
    }

    /**
     * Fiscal cost-sharing (财政补助分担): the per-person government subsidy standard and how the levels share it.
     * Shares apply in order: a {@code percent} of the standard, a fixed {@code perPerson} amount, a
     * {@code percentOfRemainderByTier} of what the levels above left (by the county's tier), or the {@code rest}.
     */
    public record FiscalRules(CitedAmount standard, List<FiscalShare> shares, List<FiscalTier> tiers,
                              CitedText countBasis, PreAllocation preAllocation, CitedDate settlementDue,
                              CitedText standardNotGiven) {
        public FiscalRules {
            shares = nonEmpty(shares, "shares");
            tiers = listOrEmpty(tiers, "tiers");
            if (standard == null && standardNotGiven == null) {
                throw new IllegalArgumentException("'fiscal' needs 'standard' or 'standardNotGiven' (why the document gives none)");
            }
        }
    }

    public record FiscalShare(FiscalLevel level, List<FiscalLevel> levels, BigDecimal percent, Money perPerson,
                              Map<String, BigDecimal> percentOfRemainderByTier, Boolean rest, Citation cite) {
        public FiscalShare {
            rest = rest != null && rest;
            levels = listOrEmpty(levels, "levels");
            required(cite, "cite");
            int kinds = (percent != null ? 1 : 0) + (perPerson != null ? 1 : 0)
                    + (percentOfRemainderByTier != null ? 1 : 0) + (rest ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalArgumentException("a share has exactly one of 'percent', 'perPerson', 'percentOfRemainderByTier' or 'rest: true'");
            }
            if ((level == null) == levels.isEmpty()) {
                throw new IllegalArgumentException("a share names exactly one of 'level' or 'levels'");
            }
            if (!levels.isEmpty() && !rest) {
                throw new IllegalArgumentException("'levels' (several levels sharing without a stated split) is only allowed with 'rest: true'");
            }
            if (percentOfRemainderByTier != null) {
                percentOfRemainderByTier = Map.copyOf(percentOfRemainderByTier);
            }
        }
    }

    /** Which county-level regions belong to a tier (档/类). */
    public record FiscalTier(String tier, List<String> regions, Citation cite) {
        public FiscalTier {
            required(tier, "tier");
            regions = nonEmpty(regions, "regions");
            required(cite, "cite");
        }
    }

    /** Pre-allocation (预拨): a percent of the prior year's standard, due by a date. */
    public record PreAllocation(BigDecimal percentOfPriorYearStandard, CitedAmount priorYearStandard,
                                LocalDate due, Citation cite) {
        public PreAllocation {
            required(percentOfPriorYearStandard, "percentOfPriorYearStandard");
            required(priorYearStandard, "priorYearStandard");
            required(due, "due");
            required(cite, "cite");
        }
    }

    public record CitedText(String text, Citation cite) {
        public CitedText {
            required(text, "text");
            required(cite, "cite");
        }
    }

    public record CitedDate(LocalDate date, Citation cite) {
        public CitedDate {
            required(date, "date");
            required(cite, "cite");
        }
    }

    /**
     * Enrollment-rate targets (参保率), dated milestones, the day completions are counted, the collection deadline,
     * and how the number who should enroll (the base of the rates) is fixed, when the document says.
     */
    public record CollectionTargets(List<RateTarget> rates, List<Milestone> milestones, CitedDate countedAsOf,
                                    CitedDate collectionDeadline, ProgressBase base) {
        public CollectionTargets {
            rates = listOrEmpty(rates, "rates");
            milestones = listOrEmpty(milestones, "milestones");
        }
    }

    /** How the number who should enroll (应参保人数) is fixed. */
    public enum ProgressBaseRule {
        /** The prior year's enrolled plus those newly registered this year: the document sets rates, not counts. */
        PRIOR_YEAR_PLUS_NEW,
        /** A target count (目标任务数) per unit, entered by county staff. */
        OFFICIAL_TARGET
    }

    public record ProgressBase(ProgressBaseRule rule, Citation cite) {
        public ProgressBase {
            required(rule, "rule");
            required(cite, "cite");
        }
    }

    public enum TargetPopulation {
        /** Everyone who should be insured (全民参保). */
        ALL_RESIDENTS,
        /** 农村（牧区）低收入人口和脱贫人口. */
        LOW_INCOME_AND_POVERTY_ALLEVIATED,
        /** The special groups a document requires to be enrolled in full (全员参保). */
        NAMED_SPECIAL_GROUPS
    }

    public record RateTarget(TargetPopulation population, BigDecimal minimumPercent, Citation cite) {
        public RateTarget {
            required(population, "population");
            required(minimumPercent, "minimumPercent");
            required(cite, "cite");
        }
    }

    public record Milestone(LocalDate date, BigDecimal percentOfTarget, Citation cite) {
        public Milestone {
            required(date, "date");
            required(percentOfTarget, "percentOfTarget");
            required(cite, "cite");
        }
    }
}
