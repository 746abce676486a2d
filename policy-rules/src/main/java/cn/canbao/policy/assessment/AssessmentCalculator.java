package cn.canbao.policy.assessment;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.Identity;
import cn.canbao.policy.LateReason;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.policy.RefundReason;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.file.PolicyFile.CategoryExtension;
import cn.canbao.policy.file.PolicyFile.CategoryStandard;
import cn.canbao.policy.file.PolicyFile.CitedAmount;
import cn.canbao.policy.file.PolicyFile.CoverageFrom;
import cn.canbao.policy.file.PolicyFile.DatedPeriod;
import cn.canbao.policy.file.PolicyFile.DeadlineMeasuredBy;
import cn.canbao.policy.file.PolicyFile.DiedBeforeRegistration;
import cn.canbao.policy.file.PolicyFile.FunderPart;
import cn.canbao.policy.file.PolicyFile.GreenChannel;
import cn.canbao.policy.file.PolicyFile.NewbornRules;
import cn.canbao.policy.file.PolicyFile.RefundRules;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.policy.file.PolicyFile.WaitingPeriodRules;
import cn.canbao.policy.SubsidyMode;
import cn.canbao.region.RegionCode;

/**
 * The assessment calculator (核定): for one person enrolling under one effective policy, whether the enrollment is
 * accepted on the payment date, what the person and each funder pay, when coverage starts, the waiting period, and
 * why, with every citation. Pure and thread-safe: no I/O, no Spring, no parsing; resolve the
 * {@link EffectivePolicy} once per region and year and call {@link #assess} for every person.
 */
public final class AssessmentCalculator {

    private AssessmentCalculator() {
    }

    /** Looks up the effective policy and assesses; a region or year without any policy is rejected with NO_POLICY. */
    public static Assessment assess(PolicyCatalog catalog, RegionCode region, int coverageYear, AssessmentRequest request) {
        return catalog.effective(region, coverageYear)
                .map(policy -> assess(policy, request))
                .orElseGet(() -> Assessment.rejected(RejectionReason.NO_POLICY,
                        Explanation.part("rejected.noPolicy", region, coverageYear), null, List.of()));
    }

    public static Assessment assess(EffectivePolicy policy, AssessmentRequest request) {
        Person person = request.person();
        LocalDate paid = request.paymentDate();
        List<Explanation> why = new ArrayList<>(8);

        Money standard;
        CategoryStandard categoryStandard = categoryStandard(policy, person);
        if (categoryStandard != null) {
            standard = categoryStandard.amount();
            why.add(categoryStandard.bornInYear() == null
                    ? Explanation.of("standard.category", categoryStandard.cite(), person.category(), standard)
                    : Explanation.of("standard.category.bornIn", categoryStandard.cite(), person.category(), categoryStandard.bornInYear(), standard));
        } else {
            CitedAmount personal = policy.personalStandard().orElse(null);
            if (personal == null && !policy.eligibleCategories().containsKey(person.category())) {
                return Assessment.rejected(RejectionReason.CATEGORY_NOT_ELIGIBLE, Explanation.part("rejected.categoryNotNamed",
                        person.category(), policy.region(), policy.coverageYear()), null, why);
            }
            if (personal == null) {
                return Assessment.rejected(RejectionReason.NO_STANDARD, Explanation.part("rejected.noStandard",
                        policy.region(), policy.coverageYear(), person.category()), null, why);
            }
            if (personal.minimum()) {
                why.add(Explanation.of("standard.minimumOnly", personal.cite(), personal.amount()));
                return Assessment.rejected(RejectionReason.ONLY_MINIMUM_STANDARD, Explanation.part("rejected.onlyMinimum",
                        policy.region(), policy.coverageYear(), personal.amount()), personal.amount(), why);
            }
            standard = personal.amount();
            why.add(Explanation.of("standard.personal", personal.cite(), standard));
        }

        Citation categoryCite = policy.eligibleCategories().get(person.category());
        if (categoryCite == null) {
            return Assessment.rejected(RejectionReason.CATEGORY_NOT_ELIGIBLE, Explanation.part("rejected.categoryNotNamed",
                    person.category(), policy.region(), policy.coverageYear()), standard, why);
        }
        why.add(Explanation.of("category.eligible", categoryCite, person.category()));
        if (paid.isBefore(person.birthDate())) {
            return Assessment.rejected(RejectionReason.PAYMENT_BEFORE_BIRTH, Explanation.part("rejected.paidBeforeBirth",
                    paid, person.birthDate()), standard, why);
        }

        DatedPeriod period = policy.coveragePeriod().orElse(null);
        if (period == null) {
            return Assessment.rejected(RejectionReason.NO_COVERAGE_PERIOD, Explanation.part("rejected.noCoveragePeriod",
                    policy.region(), policy.coverageYear()), standard, why);
        }

        Entry entry = person.category() == ParticipantCategory.NEWBORN && policy.newborn().isPresent()
                ? newbornEntry(policy, policy.newborn().get(), request, period, why)
                : regularEntry(policy, request, period, why);
        if (entry.rejection != null) {
            return Assessment.rejected(entry.rejection, entry.message, standard, why);
        }
        if (entry.coverageStart != null) {
            why.add(Explanation.of("coverage", period.cite(), entry.coverageStart, period.end()));
        }

        SubsidyScheme scheme = bestScheme(policy, person, paid, standard, why);
        List<FunderShare> subsidies = new ArrayList<>(2);
        List<DueRefund> refunds = new ArrayList<>(1);
        Money personalDue = standard;
        if (scheme != null) {
            Money remaining = standard;
            for (FunderPart part : scheme.funders()) {
                Money amount = partAmount(part, standard).min(remaining);
                remaining = remaining.minus(amount);
                Citation cite = scheme.cite();
                subsidies.add(new FunderShare(part.funder(), amount, scheme.mode(), cite));
                if (scheme.mode() == SubsidyMode.DIRECT) {
                    personalDue = personalDue.minus(amount);
                } else {
                    refunds.add(new DueRefund(part.funder(), amount, cite));
                }
                why.add(Explanation.of("funder.pays", scheme.modeCite() != null ? scheme.modeCite() : cite,
                        part.funder(), amount, scheme.mode()));
            }
        }
        why.add(refunds.isEmpty()
                ? Explanation.of("personalDue", null, personalDue)
                : Explanation.of("personalDue.refundedLater", null, personalDue, sum(refunds)));

        WaitingPeriod waiting = waitingPeriod(policy, request, entry, why);
        String applied = entry.route.name() + " + " + (scheme == null ? "standard" : scheme.id());
        return new Assessment(true, null, null, standard, personalDue, subsidies, refunds, entry.coverageStart, period.end(),
                waiting, entry.route, applied, scheme == null ? null : scheme.id(), entry.registeredName, why);
    }

    /**
     * Whether a paid personal contribution may be refunded for a reason on a date: before coverage starts only for
     * the reasons the policy lists; after it starts only if the policy allows it.
     */
    public static RefundDecision refund(EffectivePolicy policy, RefundReason reason, LocalDate requestDate, LocalDate coverageStart) {
        RefundRules rules = policy.refunds().orElse(null);
        boolean started = !requestDate.isBefore(coverageStart);
        if (started) {
            if (rules == null || rules.afterCoverageStart() == null) {
                return new RefundDecision(RefundDecision.Status.NOT_STATED, "the policy says nothing about refunds after coverage starts", null);
            }
            return rules.afterCoverageStart().allowed()
                    ? new RefundDecision(RefundDecision.Status.ALLOWED, "refunds are allowed after coverage starts", rules.afterCoverageStart().cite())
                    : new RefundDecision(RefundDecision.Status.REFUSED, "coverage started on " + coverageStart
                    + "; no refund after coverage starts", rules.afterCoverageStart().cite());
        }
        if (rules == null || rules.beforeCoverageStart() == null) {
            return new RefundDecision(RefundDecision.Status.NOT_STATED, "the policy names no refund reasons before coverage starts",
                    rules == null || rules.afterCoverageStart() == null ? null : rules.afterCoverageStart().cite());
        }
        return rules.beforeCoverageStart().reasons().contains(reason)
                ? new RefundDecision(RefundDecision.Status.ALLOWED, reason + " (" + reason.chineseName()
                + ") before coverage starts on " + coverageStart, rules.beforeCoverageStart().cite())
                : new RefundDecision(RefundDecision.Status.REFUSED, reason + " is not a refund reason the policy lists",
                rules.beforeCoverageStart().cite());
    }

    /** How the person got in, and from when they are covered; or why not. */
    private static final class Entry {
        EnrollmentRoute route;
        LocalDate coverageStart;
        String registeredName;
        RejectionReason rejection;
        Explanation message;

        static Entry rejected(RejectionReason reason, Explanation message) {
            Entry entry = new Entry();
            entry.rejection = reason;
            entry.message = message;
            return entry;
        }

        static Entry accepted(EnrollmentRoute route, LocalDate coverageStart) {
            Entry entry = new Entry();
            entry.route = route;
            entry.coverageStart = coverageStart;
            return entry;
        }
    }

    private static CategoryStandard categoryStandard(EffectivePolicy policy, Person person) {
        for (CategoryStandard standard : policy.categoryStandards()) {
            if (standard.category() == person.category()
                    && (standard.bornInYear() == null || standard.bornInYear() == person.birthDate().getYear())) {
                return standard;
            }
        }
        return null;
    }

    private static Entry regularEntry(EffectivePolicy policy, AssessmentRequest request, DatedPeriod period, List<Explanation> why) {
        LocalDate paid = request.paymentDate();
        DatedPeriod window = policy.collectionWindow().orElse(null);
        if (window == null) {
            return Entry.rejected(RejectionReason.NO_COLLECTION_WINDOW, Explanation.part("rejected.noCollectionWindow",
                    policy.region(), policy.coverageYear(), request.person().category()));
        }
        if (paid.isBefore(window.start())) {
            why.add(Explanation.of("window", window.cite(), window.start(), window.end()));
            return Entry.rejected(RejectionReason.BEFORE_COLLECTION_WINDOW, Explanation.part("rejected.beforeWindow",
                    paid, window.start()));
        }
        if (!paid.isAfter(window.end())) {
            why.add(Explanation.of("window.paidWithin", window.cite(), paid, window.start(), window.end()));
            return Entry.accepted(EnrollmentRoute.COLLECTION_WINDOW, period.start());
        }
        if (paid.isAfter(period.end())) {
            return Entry.rejected(RejectionReason.AFTER_COVERAGE_PERIOD, Explanation.part("rejected.afterCoveragePeriod", paid, period.end()));
        }
        for (CategoryExtension extension : policy.categoryExtensions()) {
            if (extension.category() == request.person().category() && extension.contains(paid)) {
                why.add(Explanation.of("window.extension", extension.cite(), paid, extension.category(),
                        extension.start(), extension.end()));
                return Entry.accepted(EnrollmentRoute.CATEGORY_EXTENSION,
                        coverageStart(extension.coverageFrom(), period, request, extension.cite(), why));
            }
        }
        for (GreenChannel channel : policy.greenChannels()) {
            if (channel.requires() == request.person().lateReason() && holdsAny(request.person(), channel.identities())) {
                why.add(Explanation.of("window.greenChannel", channel.cite(), paid, channel.name()));
                return Entry.accepted(EnrollmentRoute.GREEN_CHANNEL, coverageStart(channel.coverageFrom(), period, request, channel.cite(), why));
            }
        }
        why.add(Explanation.of("window", window.cite(), window.start(), window.end()));
        return Entry.rejected(RejectionReason.AFTER_COLLECTION_WINDOW, Explanation.part("rejected.afterWindow", paid, window.end(),
                whoIsLate(request.person())));
    }

    private static Entry newbornEntry(EffectivePolicy policy, NewbornRules rules, AssessmentRequest request, DatedPeriod period,
                                      List<Explanation> why) {
        Person person = request.person();
        LocalDate paid = request.paymentDate();
        if (person.birthDate().isAfter(period.end())) {
            return Entry.rejected(RejectionReason.AFTER_COVERAGE_PERIOD, Explanation.part("rejected.bornAfterCoveragePeriod",
                    person.birthDate(), period.end()));
        }
        if (rules.underAgeYears() != null && person.ageOn(paid) >= rules.underAgeYears()) {
            why.add(Explanation.of("newborn.underAge", rules.cite(), rules.underAgeYears()));
            return Entry.rejected(RejectionReason.NOT_A_NEWBORN, Explanation.part("rejected.notANewborn", person.birthDate(),
                    person.ageOn(paid), paid, rules.underAgeYears()));
        }
        if (person.diedBeforeHouseholdRegistration()) {
            return diedBeforeRegistration(rules.diedBeforeRegistration(), request, period, why);
        }
        LocalDate measured = rules.measuredBy() == DeadlineMeasuredBy.REGISTRATION_DATE ? request.registrationDate() : paid;
        long day = DAYS.between(person.birthDate(), measured);
        DatedPeriod window = policy.collectionWindow().orElse(null);
        if (window != null && paid.isBefore(window.start())) {
            return Entry.rejected(RejectionReason.BEFORE_COLLECTION_WINDOW, Explanation.part("rejected.beforeWindow", paid, window.start()));
        }
        if (day <= rules.deadlineDays()) {
            why.add(Explanation.of("newborn.withinDeadline", rules.cite(), rules.measuredBy(), day, rules.deadlineDays(),
                    rules.withinDeadline()));
            return Entry.accepted(EnrollmentRoute.NEWBORN_WITHIN_DEADLINE, coverageStart(rules.withinDeadline(), period, request, rules.cite(), why));
        }
        if (paid.isAfter(period.end())) {
            return Entry.rejected(RejectionReason.AFTER_COVERAGE_PERIOD, Explanation.part("rejected.newbornAfterCoveragePeriod",
                    rules.measuredBy(), day, rules.deadlineDays(), period.end()));
        }
        if (window != null && window.contains(paid)) {
            why.add(Explanation.of("newborn.afterDeadlineWithinWindow", window.cite(), rules.measuredBy(), day,
                    rules.deadlineDays(), window.start(), window.end()));
            return Entry.accepted(EnrollmentRoute.COLLECTION_WINDOW, period.start());
        }
        Citation afterCite = rules.afterDeadlineCite() != null ? rules.afterDeadlineCite() : rules.cite();
        why.add(Explanation.of("newborn.afterDeadline", afterCite, rules.measuredBy(), day, rules.deadlineDays(),
                rules.afterDeadline()));
        return Entry.accepted(EnrollmentRoute.NEWBORN_AFTER_DEADLINE, coverageStart(rules.afterDeadline(), period, request, afterCite, why));
    }

    private static Entry diedBeforeRegistration(DiedBeforeRegistration rule, AssessmentRequest request, DatedPeriod period,
                                                List<Explanation> why) {
        Person person = request.person();
        if (rule == null) {
            return Entry.rejected(RejectionReason.NO_RULE_FOR_CASE, Explanation.part("rejected.noDiedBeforeRegistrationRule"));
        }
        long day = DAYS.between(person.birthDate(), request.registrationDate());
        if (day > rule.deadlineDays()) {
            why.add(Explanation.of("newborn.died.deadline", rule.cite(), rule.deadlineDays()));
            return Entry.rejected(RejectionReason.NEWBORN_DEADLINE_PASSED, Explanation.part("rejected.diedBeforeRegistrationDeadline",
                    day, rule.deadlineDays()));
        }
        Entry entry = Entry.accepted(EnrollmentRoute.NEWBORN_DIED_BEFORE_REGISTRATION, later(period.start(), person.birthDate()));
        entry.registeredName = person.parentName() == null ? null : person.parentName() + rule.nameSuffix();
        why.add(Explanation.of("newborn.died.registered", rule.cite(), day,
                entry.registeredName == null ? rule.nameRule() : entry.registeredName, rule.coverage()));
        return entry;
    }

    private static LocalDate coverageStart(CoverageFrom from, DatedPeriod period, AssessmentRequest request, Citation cite,
                                           List<Explanation> why) {
        return switch (from) {
            case PERIOD_START -> period.start();
            case BIRTH_DATE -> later(period.start(), request.person().birthDate());
            case DAY_AFTER_PAYMENT -> later(period.start(), request.paymentDate().plusDays(1));
            case NOT_STATED -> {
                why.add(Explanation.of("coverageStart.notStated", cite));
                yield null;
            }
        };
    }

    /** The person's category, identities and late reason: what an extension or green channel would have to match. */
    private static List<Object> whoIsLate(Person person) {
        List<Object> who = new ArrayList<>(4);
        who.add(person.category());
        who.addAll(person.identities());
        if (person.lateReason() != LateReason.NONE) {
            who.add(person.lateReason());
        }
        return who;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean holdsAny(Person person, List<Identity> identities) {
        for (Identity identity : identities) {
            if (person.identities().contains(identity)) {
                return true;
            }
        }
        return false;
    }

    /** 就高不就低: the single scheme leaving the person the least to bear; a tie goes to the lower priority number. */
    private static SubsidyScheme bestScheme(EffectivePolicy policy, Person person, LocalDate paid, Money standard, List<Explanation> why) {
        if (person.identities().isEmpty()) {
            return null;
        }
        SubsidyScheme best = null;
        Money bestSubsidy = null;
        List<String> alsoEligible = null;
        for (SubsidyScheme scheme : policy.subsidySchemes()) {
            if (!matches(policy, scheme, person, paid)) {
                continue;
            }
            Money subsidy = subsidyTotal(scheme, standard);
            if (best == null || subsidy.compareTo(bestSubsidy) > 0) {
                if (best != null) {
                    alsoEligible = add(alsoEligible, best.name());
                }
                best = scheme;
                bestSubsidy = subsidy;
            } else {
                alsoEligible = add(alsoEligible, scheme.name());
            }
        }
        if (best == null) {
            why.add(person.familyRole() == null
                    ? Explanation.of("scheme.none", null, person.identities())
                    : Explanation.of("scheme.none.role", null, person.identities(), person.familyRole()));
            return null;
        }
        why.add(alsoEligible == null
                ? Explanation.of("scheme.applies", best.cite(), best.id(), best.name())
                : Explanation.of("scheme.applies.alsoEligible", best.cite(), best.id(), best.name(), alsoEligible));
        if (best.conditionCite() != null) {
            why.add(Explanation.of("scheme.conditions", best.conditionCite(), conditionsMet(best, person, paid)));
        }
        return best;
    }

    private static List<Explanation> conditionsMet(SubsidyScheme scheme, Person person, LocalDate paid) {
        List<Explanation> parts = new ArrayList<>(3);
        if (!scheme.familyRoles().isEmpty()) {
            parts.add(Explanation.part("condition.role", person.familyRole()));
        }
        if (scheme.ageUnder() != null) {
            parts.add(Explanation.part("condition.age", person.ageOn(paid), scheme.ageUnder()));
        }
        if (!scheme.excludedCategories().isEmpty()) {
            parts.add(Explanation.part("condition.categoryNotExcluded", person.category(), scheme.excludedCategories()));
        }
        return parts;
    }

    private static List<String> add(List<String> list, String id) {
        List<String> result = list == null ? new ArrayList<>(2) : list;
        result.add(id);
        return result;
    }

    private static boolean matches(EffectivePolicy policy, SubsidyScheme scheme, Person person, LocalDate paid) {
        if (!scheme.anyOf().isEmpty() && !holdsAny(person, scheme.anyOf())) {
            return false;
        }
        if (!person.identities().containsAll(scheme.allOf())) {
            return false;
        }
        if (scheme.only()) {
            for (Identity identity : person.identities()) {
                if (policy.isNamedBySchemes(identity) && !scheme.anyOf().contains(identity) && !scheme.allOf().contains(identity)) {
                    return false;
                }
            }
        }
        if (!scheme.familyRoles().isEmpty() && !scheme.familyRoles().contains(person.familyRole())) {
            return false;
        }
        if (scheme.ageUnder() != null && person.ageOn(paid) >= scheme.ageUnder()) {
            return false;
        }
        return !scheme.excludedCategories().contains(person.category());
    }

    private static Money subsidyTotal(SubsidyScheme scheme, Money standard) {
        Money remaining = standard;
        for (FunderPart part : scheme.funders()) {
            remaining = remaining.minus(partAmount(part, standard).min(remaining));
        }
        return standard.minus(remaining);
    }

    private static Money partAmount(FunderPart part, Money standard) {
        if (part.amount() != null) {
            return part.amount();
        }
        return switch (part.share()) {
            case FULL -> standard;
            case HALF -> Money.ofFen((standard.fen() + 1) / 2);
        };
    }

    private static Money sum(List<DueRefund> refunds) {
        Money total = Money.ZERO;
        for (DueRefund refund : refunds) {
            total = total.plus(refund.amount());
        }
        return total;
    }

    private static WaitingPeriod waitingPeriod(EffectivePolicy policy, AssessmentRequest request, Entry entry, List<Explanation> why) {
        Person person = request.person();
        DatedPeriod window = policy.collectionWindow().orElse(null);
        boolean late = (window != null && request.paymentDate().isAfter(window.end()))
                || entry.route == EnrollmentRoute.NEWBORN_AFTER_DEADLINE;
        if (!late && person.lapseYears() == 0) {
            return WaitingPeriod.NONE;
        }
        Explanation situation = late && person.lapseYears() > 0 ? Explanation.part("situation.lateAfterLapse", person.lapseYears())
                : late ? Explanation.part("situation.late")
                : Explanation.part("situation.afterLapse", person.lapseYears());
        WaitingPeriodRules rules = policy.waitingPeriod().orElse(null);
        if (rules == null) {
            why.add(Explanation.of("waiting.noRule", null, situation));
            return new WaitingPeriod(WaitingPeriod.Status.NOT_STATED, null, null, null);
        }
        if (rules.exemptCategories().contains(person.category()) || holdsAny(person, rules.exemptIdentities())) {
            why.add(person.identities().isEmpty()
                    ? Explanation.of("waiting.exempt", rules.exemptionCite(), person.category())
                    : Explanation.of("waiting.exempt.identities", rules.exemptionCite(), person.category(), person.identities()));
            return new WaitingPeriod(WaitingPeriod.Status.EXEMPT, null, null, rules.exemptionCite());
        }
        switch (rules.status()) {
            case PENDING -> {
                why.add(Explanation.of("waiting.pending", rules.cite(), situation));
                return new WaitingPeriod(WaitingPeriod.Status.PENDING, null, null, rules.cite());
            }
            case NOT_STATED -> {
                why.add(Explanation.of("waiting.notStated", rules.cite(), situation));
                return new WaitingPeriod(WaitingPeriod.Status.NOT_STATED, null, null, rules.cite());
            }
            default -> {
                int variable = Math.max(0, person.lapseYears() * rules.monthsPerLapseYear()
                        - person.paidBackYears() * rules.monthsOffPerPaidBackYear());
                int months = rules.fixedMonths() + variable;
                LocalDate benefitsFrom = entry.coverageStart == null ? null : entry.coverageStart.plusMonths(months);
                why.add(benefitsFrom == null
                        ? Explanation.of("waiting.applies", rules.formulaCite(), situation, rules.fixedMonths(), variable,
                                person.lapseYears(), person.paidBackYears(), months)
                        : Explanation.of("waiting.applies.benefitsFrom", rules.formulaCite(), situation, rules.fixedMonths(), variable,
                                person.lapseYears(), person.paidBackYears(), months, benefitsFrom));
                return new WaitingPeriod(WaitingPeriod.Status.APPLIES, months, benefitsFrom, rules.formulaCite());
            }
        }
    }
}
