package cn.canbao.policy.effective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import cn.canbao.policy.Citation;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.file.PolicyFile;
import cn.canbao.policy.file.PolicyFile.CategoryExtension;
import cn.canbao.policy.file.PolicyFile.CategoryStandard;
import cn.canbao.policy.file.PolicyFile.CitedAmount;
import cn.canbao.policy.file.PolicyFile.CollectionTargets;
import cn.canbao.policy.file.PolicyFile.DatedPeriod;
import cn.canbao.policy.file.PolicyFile.EligibleCategory;
import cn.canbao.policy.file.PolicyFile.FiscalRules;
import cn.canbao.policy.file.PolicyFile.GreenChannel;
import cn.canbao.policy.file.PolicyFile.NewbornRules;
import cn.canbao.policy.file.PolicyFile.RefundRules;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.policy.file.PolicyFile.WaitingPeriodRules;
import cn.canbao.region.RegionCode;

/**
 * The policy in force for one region and coverage year: each rule taken from the nearest file up the region
 * hierarchy (county → city → province) for that year. Built once per region and year and immutable, so the
 * calculators can use it for any number of people without parsing or reflection.
 */
public final class EffectivePolicy {

    /** A policy file in the inheritance chain, with its name and content hash. */
    public record Source(String region, String fileName, String contentHash) {
    }

    private final RegionCode region;
    private final int coverageYear;
    private final List<Source> sources;
    private final Sourced<CitedAmount> personalStandard;
    private final Sourced<CitedAmount> totalFundingStandard;
    private final Sourced<CitedAmount> governmentSubsidyStandard;
    private final Sourced<List<CategoryStandard>> categoryStandards;
    private final Sourced<List<EligibleCategory>> eligibleCategories;
    private final Sourced<DatedPeriod> coveragePeriod;
    private final Sourced<DatedPeriod> collectionWindow;
    private final Sourced<List<CategoryExtension>> categoryExtensions;
    private final Sourced<List<GreenChannel>> greenChannels;
    private final Sourced<NewbornRules> newborn;
    private final Sourced<List<SubsidyScheme>> subsidySchemes;
    private final Sourced<RefundRules> refunds;
    private final Sourced<WaitingPeriodRules> waitingPeriod;
    private final Sourced<FiscalRules> fiscal;
    private final Sourced<CollectionTargets> collectionTargets;

    private final Map<ParticipantCategory, Citation> eligibleCategoryCitations;
    private final List<SubsidyScheme> schemesByPriority;
    private final EnumSet<Identity> identitiesNamedBySchemes;

    /**
     * @param chain the files for this year along the hierarchy, the region's own (or nearest) first, province last;
     *              at least one
     */
    EffectivePolicy(RegionCode region, int coverageYear, List<PolicyFile> chain, List<Source> sources) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no policy file for " + region + " " + coverageYear);
        }
        this.region = region;
        this.coverageYear = coverageYear;
        this.sources = List.copyOf(sources);
        personalStandard = pick(chain, PolicyFile::personalStandard);
        totalFundingStandard = pick(chain, PolicyFile::totalFundingStandard);
        governmentSubsidyStandard = pick(chain, PolicyFile::governmentSubsidyStandard);
        categoryStandards = pick(chain, PolicyFile::categoryStandards);
        eligibleCategories = pick(chain, PolicyFile::eligibleCategories);
        coveragePeriod = pick(chain, PolicyFile::coveragePeriod);
        collectionWindow = pick(chain, PolicyFile::collectionWindow);
        categoryExtensions = pick(chain, PolicyFile::categoryExtensions);
        greenChannels = pick(chain, PolicyFile::greenChannels);
        newborn = pick(chain, PolicyFile::newborn);
        subsidySchemes = pick(chain, PolicyFile::subsidySchemes);
        refunds = pick(chain, PolicyFile::refunds);
        waitingPeriod = pick(chain, PolicyFile::waitingPeriod);
        fiscal = pick(chain, PolicyFile::fiscal);
        collectionTargets = pick(chain, PolicyFile::collectionTargets);

        Map<ParticipantCategory, Citation> eligible = new EnumMap<>(ParticipantCategory.class);
        for (EligibleCategory category : valueOr(eligibleCategories, List.of())) {
            eligible.put(category.category(), category.cite());
        }
        eligibleCategoryCitations = Collections.unmodifiableMap(eligible);
        List<SubsidyScheme> schemes = new ArrayList<>(valueOr(subsidySchemes, List.of()));
        schemes.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        schemesByPriority = List.copyOf(schemes);
        EnumSet<Identity> named = EnumSet.noneOf(Identity.class);
        for (SubsidyScheme scheme : schemes) {
            named.addAll(scheme.anyOf());
            named.addAll(scheme.allOf());
        }
        identitiesNamedBySchemes = named;
    }

    private <T> Sourced<T> pick(List<PolicyFile> chain, Function<PolicyFile, T> rule) {
        for (int i = 0; i < chain.size(); i++) {
            T value = rule.apply(chain.get(i));
            if (value != null) {
                return new Sourced<>(value, chain.get(i).region(), sources.get(i).fileName());
            }
        }
        return null;
    }

    private static <T> T valueOr(Sourced<T> sourced, T fallback) {
        return sourced == null ? fallback : sourced.value();
    }

    private static <T> Optional<T> value(Sourced<T> sourced) {
        return sourced == null ? Optional.empty() : Optional.of(sourced.value());
    }

    public RegionCode region() {
        return region;
    }

    public int coverageYear() {
        return coverageYear;
    }

    /** The files this policy is made of, the region's own (or nearest) first. */
    public List<Source> sources() {
        return sources;
    }

    public Optional<CitedAmount> personalStandard() {
        return value(personalStandard);
    }

    public Optional<CitedAmount> totalFundingStandard() {
        return value(totalFundingStandard);
    }

    public Optional<CitedAmount> governmentSubsidyStandard() {
        return value(governmentSubsidyStandard);
    }

    public List<CategoryStandard> categoryStandards() {
        return valueOr(categoryStandards, List.of());
    }

    /** The categories that may enroll, each with its citation; empty when no file names any. */
    public Map<ParticipantCategory, Citation> eligibleCategories() {
        return eligibleCategoryCitations;
    }

    public Optional<DatedPeriod> coveragePeriod() {
        return value(coveragePeriod);
    }

    public Optional<DatedPeriod> collectionWindow() {
        return value(collectionWindow);
    }

    public List<CategoryExtension> categoryExtensions() {
        return valueOr(categoryExtensions, List.of());
    }

    public List<GreenChannel> greenChannels() {
        return valueOr(greenChannels, List.of());
    }

    public Optional<NewbornRules> newborn() {
        return value(newborn);
    }

    /** Subsidy schemes, lowest priority number (first choice on a tie) first. */
    public List<SubsidyScheme> subsidySchemes() {
        return schemesByPriority;
    }

    /** True when some scheme names the identity. */
    public boolean isNamedBySchemes(Identity identity) {
        return identitiesNamedBySchemes.contains(identity);
    }

    public Optional<RefundRules> refunds() {
        return value(refunds);
    }

    public Optional<WaitingPeriodRules> waitingPeriod() {
        return value(waitingPeriod);
    }

    public Optional<FiscalRules> fiscal() {
        return value(fiscal);
    }

    /** The fiscal rules with the file they come from (the what-if simulation rewrites that file in memory). */
    public Optional<Sourced<FiscalRules>> fiscalSourced() {
        return Optional.ofNullable(fiscal);
    }

    public Optional<CollectionTargets> collectionTargets() {
        return value(collectionTargets);
    }

    /** Every rule as readable entries with value, source file and citation, for the policy browser and API. */
    public List<PolicyEntry> entries() {
        PolicyEntries entries = new PolicyEntries(region.value());
        entries.amount("personalStandard", personalStandard);
        entries.amount("totalFundingStandard", totalFundingStandard);
        entries.amount("governmentSubsidyStandard", governmentSubsidyStandard);
        entries.categoryStandards(categoryStandards);
        entries.eligibleCategories(eligibleCategories);
        entries.period("coveragePeriod", coveragePeriod);
        entries.period("collectionWindow", collectionWindow);
        entries.extensions(categoryExtensions);
        entries.greenChannels(greenChannels);
        entries.newborn(newborn);
        entries.schemes(subsidySchemes);
        entries.refunds(refunds);
        entries.waitingPeriod(waitingPeriod);
        entries.fiscal(fiscal);
        entries.targets(collectionTargets);
        return entries.list();
    }

    @Override
    public String toString() {
        return "EffectivePolicy[" + region + " " + coverageYear + " from " + sources + "]";
    }
}
