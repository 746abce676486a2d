package cn.canbao.collection.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import cn.canbao.collection.payment.PaymentKind;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * Matches payment records to assessed enrollments, person by person, and sorts every disagreement
 * into a {@link DifferenceCategory} (钱人一致, 怀远县2025年度居民医保参保缴费工作方案 六).
 *
 * <p>Both inputs are streams sorted by coverage year, then identity number (plain character order),
 * so a million people need memory for one person at a time: the caller reads them from the database
 * in index order. At most one enrollment per person and year (the enrollment side prevents
 * 重复参保).
 */
public final class Reconciler {

    /** The order both inputs must be sorted in. */
    public static final Comparator<PersonKey> ORDER =
            Comparator.comparingInt(PersonKey::coverageYear).thenComparing(PersonKey::idNumber);

    /** Person and year: the unit reconciliation works on. */
    public record PersonKey(int coverageYear, String idNumber) {
    }

    /** Counts of one run. */
    public record Summary(long people, long enrollments, long records, long agreeing, long fullyPaid,
                          Map<DifferenceCategory, Long> differences) {
    }

    private Reconciler() {
    }

    /** Convenience for in-memory lists: sorts, then reconciles. */
    public static Summary reconcile(List<AssessedEnrollment> enrollments, List<TaxPaymentRecord> records, Consumer<PersonOutcome> sink) {
        List<AssessedEnrollment> sortedEnrollments = new ArrayList<>(enrollments);
        sortedEnrollments.sort(Comparator.comparing(Reconciler::key, ORDER));
        List<TaxPaymentRecord> sortedRecords = new ArrayList<>(records);
        sortedRecords.sort(Comparator.comparing(Reconciler::key, ORDER));
        return reconcileSorted(sortedEnrollments.iterator(), sortedRecords.iterator(), sink);
    }

    public static Summary reconcileSorted(Iterator<AssessedEnrollment> enrollments, Iterator<TaxPaymentRecord> records,
                                          Consumer<PersonOutcome> sink) {
        Map<DifferenceCategory, Long> counts = new EnumMap<>(DifferenceCategory.class);
        for (DifferenceCategory c : DifferenceCategory.values()) {
            counts.put(c, 0L);
        }
        long people = 0;
        long enrollmentCount = 0;
        long recordCount = 0;
        long agreeing = 0;
        long fullyPaid = 0;
        AssessedEnrollment nextEnrollment = next(enrollments);
        TaxPaymentRecord nextRecord = next(records);
        PersonKey previous = null;
        List<TaxPaymentRecord> group = new ArrayList<>();
        while (nextEnrollment != null || nextRecord != null) {
            PersonKey key = smaller(nextEnrollment == null ? null : key(nextEnrollment), nextRecord == null ? null : key(nextRecord));
            if (previous != null && ORDER.compare(previous, key) >= 0) {
                throw new IllegalStateException("inputs are not sorted by coverage year and ID number at " + key);
            }
            previous = key;
            Optional<AssessedEnrollment> enrollment = Optional.empty();
            if (nextEnrollment != null && key.equals(key(nextEnrollment))) {
                enrollment = Optional.of(nextEnrollment);
                enrollmentCount++;
                nextEnrollment = next(enrollments);
                if (nextEnrollment != null && key.equals(key(nextEnrollment))) {
                    throw new IllegalStateException("two enrollments for " + key);
                }
            }
            group.clear();
            while (nextRecord != null && key.equals(key(nextRecord))) {
                group.add(nextRecord);
                recordCount++;
                nextRecord = next(records);
            }
            PersonOutcome outcome = reconcilePerson(key, enrollment, group);
            people++;
            if (outcome.agrees()) {
                agreeing++;
            }
            if (outcome.fullyPaid()) {
                fullyPaid++;
            }
            for (Difference d : outcome.differences()) {
                counts.merge(d.category(), 1L, Long::sum);
            }
            sink.accept(outcome);
        }
        return new Summary(people, enrollmentCount, recordCount, agreeing, fullyPaid, counts);
    }

    /** The rules for one person and year; the records all belong to that person and year. */
    public static PersonOutcome reconcilePerson(PersonKey key, Optional<AssessedEnrollment> enrollment, List<TaxPaymentRecord> records) {
        Optional<PersonOutcome> common = commonCase(key, enrollment, records);
        if (common.isPresent()) {
            return common.get();
        }
        Set<String> reversed = new HashSet<>(2);
        Set<String> paymentIds = new HashSet<>(4);
        boolean anyReversal = false;
        for (TaxPaymentRecord r : records) {
            if (r.kind() == PaymentKind.PAYMENT) {
                paymentIds.add(r.transactionId());
            } else if (r.kind() == PaymentKind.REVERSAL) {
                anyReversal = true;
            }
        }
        Money orphanReversals = Money.ZERO;
        Money refunded = Money.ZERO;
        for (TaxPaymentRecord r : records) {
            if (r.kind() == PaymentKind.REVERSAL) {
                String target = r.reverses().orElseThrow();
                if (paymentIds.contains(target)) {
                    reversed.add(target);
                } else {
                    // The reversed payment is in a file not imported yet: its money still counts as gone.
                    orphanReversals = orphanReversals.plus(r.amount());
                }
            } else if (r.kind() == PaymentKind.REFUND) {
                refunded = refunded.plus(r.amount());
            }
        }
        List<TaxPaymentRecord> effective = new ArrayList<>();
        Money gross = Money.ZERO;
        for (TaxPaymentRecord r : records) {
            if (r.kind() == PaymentKind.PAYMENT && !(anyReversal && reversed.contains(r.transactionId()))) {
                effective.add(r);
                gross = gross.plus(r.amount());
            }
        }
        gross = gross.minus(orphanReversals);
        Money net = gross.minus(refunded);
        List<String> effectiveIds = effective.stream().map(TaxPaymentRecord::transactionId).toList();
        List<String> allIds = records.stream().map(TaxPaymentRecord::transactionId).toList();
        Optional<RegionCode> paymentRegion = effective.stream().map(TaxPaymentRecord::collectingRegion).findFirst()
                .or(() -> records.stream().map(TaxPaymentRecord::collectingRegion).findFirst());
        String name = enrollment.map(AssessedEnrollment::name)
                .or(() -> records.stream().map(TaxPaymentRecord::name).findFirst()).orElse("");
        Optional<RegionCode> enrollmentRegion = enrollment.map(AssessedEnrollment::region);
        Optional<Money> assessed = enrollment.flatMap(AssessedEnrollment::assessedAmount);

        List<Difference> differences = new ArrayList<>();
        DifferenceFactory make = (category, amount, ids, reason) -> new Difference(category, key.idNumber(), name,
                key.coverageYear(), enrollmentRegion, paymentRegion, assessed, net, amount, ids, reason);

        boolean fullyPaid = false;
        Optional<LocalDate> paidOn = Optional.empty();
        if (enrollment.isEmpty()) {
            if (net.isPositive()) {
                differences.add(make.create(DifferenceCategory.PAID_NOT_REGISTERED, net, allIds,
                        "已缴费" + net + "元，但未登记" + key.coverageYear() + "年度参保"));
            }
        } else if (assessed.isEmpty()) {
            if (net.isPositive()) {
                differences.add(make.create(DifferenceCategory.REGISTERED_NOT_ASSESSED, net, allIds,
                        "已缴费" + net + "元，但尚未核定应缴额"));
            }
        } else {
            Money due = assessed.get();
            fullyPaid = gross.compareTo(due) >= 0;
            if (fullyPaid) {
                paidOn = Optional.of(dayCovered(enrollment.get(), effective, due));
            }
            if (effective.size() >= 2) {
                boolean sameRegion = effective.stream().allMatch(r -> r.collectingRegion().value().regionMatches(0,
                        effective.get(0).collectingRegion().value(), 0, 6));
                differences.add(make.create(DifferenceCategory.PAID_TWICE, gross.minus(effective.get(0).amount()), effectiveIds,
                        key.coverageYear() + "年度缴费" + effective.size() + "笔" + (sameRegion ? "（同一地区）" : "（不同地区）")));
            } else if (effective.size() == 1 && !gross.equals(due)) {
                differences.add(make.create(DifferenceCategory.AMOUNT_DIFFERS, gross.minus(due), effectiveIds,
                        "实缴" + gross + "元，核定" + due + "元"));
            }
            List<String> elsewhere = effective.stream()
                    .filter(r -> !sameRegion(enrollment.get().region(), r.collectingRegion()))
                    .map(TaxPaymentRecord::transactionId).toList();
            if (!elsewhere.isEmpty()) {
                RegionCode other = effective.stream().filter(r -> elsewhere.contains(r.transactionId())).findFirst()
                        .orElseThrow().collectingRegion();
                differences.add(new Difference(DifferenceCategory.PAID_IN_OTHER_REGION, key.idNumber(), name, key.coverageYear(),
                        enrollmentRegion, Optional.of(other), assessed, net,
                        effective.stream().filter(r -> elsewhere.contains(r.transactionId())).map(TaxPaymentRecord::amount).reduce(Money.ZERO, Money::plus),
                        elsewhere, "参保地" + enrollment.get().region() + "，缴费地" + other));
            }
            if (fullyPaid) {
                Money owed = net.minus(due);
                if (owed.isPositive()) {
                    differences.add(make.create(DifferenceCategory.REFUND_OWED, owed, allIds,
                            "已缴净额" + net + "元，核定应缴" + due + "元"));
                }
            }
        }
        return new PersonOutcome(key.idNumber(), key.coverageYear(), enrollment, List.copyOf(records), effective.size(), net,
                fullyPaid, paidOn, List.copyOf(differences));
    }

    /**
     * The two cases of nearly everyone, answered without the bookkeeping below (same result): an
     * enrollment with no money yet, and one payment of exactly the assessed amount in the
     * enrollment's region.
     */
    private static Optional<PersonOutcome> commonCase(PersonKey key, Optional<AssessedEnrollment> enrollment, List<TaxPaymentRecord> records) {
        if (enrollment.isEmpty()) {
            return Optional.empty();
        }
        AssessedEnrollment e = enrollment.get();
        if (records.isEmpty()) {
            boolean paid = e.assessedAmount().map(due -> !due.isPositive()).orElse(false);
            return Optional.of(new PersonOutcome(key.idNumber(), key.coverageYear(), enrollment, List.of(), 0, Money.ZERO, paid,
                    paid ? Optional.of(e.registeredOn()) : Optional.empty(), List.of()));
        }
        if (records.size() == 1 && e.assessedAmount().isPresent()) {
            TaxPaymentRecord r = records.get(0);
            if (r.kind() == PaymentKind.PAYMENT && r.amount().equals(e.assessedAmount().get()) && sameRegion(e.region(), r.collectingRegion())) {
                return Optional.of(new PersonOutcome(key.idNumber(), key.coverageYear(), enrollment, List.of(r), 1, r.amount(), true,
                        Optional.of(r.paidAt().toLocalDate()), List.of()));
            }
        }
        return Optional.empty();
    }

    /** The day the running sum of payments in booking order reached the amount due. */
    private static LocalDate dayCovered(AssessedEnrollment enrollment, List<TaxPaymentRecord> effective, Money due) {
        if (!due.isPositive()) {
            return enrollment.registeredOn();
        }
        if (effective.size() == 1) {
            return effective.get(0).paidAt().toLocalDate();
        }
        List<TaxPaymentRecord> byTime = new ArrayList<>(effective);
        byTime.sort(Comparator.comparing(TaxPaymentRecord::paidAt).thenComparing(TaxPaymentRecord::transactionId));
        Money sum = Money.ZERO;
        for (TaxPaymentRecord r : byTime) {
            sum = sum.plus(r.amount());
            if (sum.compareTo(due) >= 0) {
                return r.paidAt().toLocalDate();
            }
        }
        return byTime.get(byTime.size() - 1).paidAt().toLocalDate();
    }

    /**
     * A payment is made in the enrollment's region when the collecting office covers the enrollment's
     * place (a county or city tax office) or lies within the enrollment's county (a township agent).
     * Compared on the digits, without walking the hierarchy: this runs once per payment.
     */
    static boolean sameRegion(RegionCode enrollmentRegion, RegionCode collectingRegion) {
        String enrolled = enrollmentRegion.value();
        String collecting = collectingRegion.value();
        int significant = significantDigits(collectingRegion);
        if (enrolled.length() >= significant && enrolled.regionMatches(0, collecting, 0, significant)) {
            return true;
        }
        return significantDigits(enrollmentRegion) >= 6 && collecting.regionMatches(0, enrolled, 0, 6);
    }

    /** Digits a code shares with everything below it: 2 province, 4 city, 6 county, 9 township, 12 village. */
    private static int significantDigits(RegionCode region) {
        return switch (region.level()) {
            case PROVINCE -> 2;
            case CITY -> 4;
            case COUNTY -> 6;
            case TOWNSHIP -> 9;
            case VILLAGE -> 12;
        };
    }

    public static PersonKey key(AssessedEnrollment e) {
        return new PersonKey(e.coverageYear(), e.idNumber());
    }

    public static PersonKey key(TaxPaymentRecord r) {
        return new PersonKey(r.coverageYear(), r.idNumber());
    }

    private static PersonKey smaller(PersonKey a, PersonKey b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ORDER.compare(a, b) <= 0 ? a : b;
    }

    private static <T> T next(Iterator<T> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }

    @FunctionalInterface
    private interface DifferenceFactory {
        Difference create(DifferenceCategory category, Money amount, List<String> transactionIds, String reason);
    }
}
