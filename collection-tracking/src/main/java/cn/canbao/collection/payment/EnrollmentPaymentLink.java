package cn.canbao.collection.payment;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import cn.canbao.audit.Actor;
import cn.canbao.collection.reconciliation.AssessedEnrollment;
import cn.canbao.collection.reconciliation.EnrollmentSource;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.enrollment.PaymentRecord;
import cn.canbao.money.Money;

/**
 * Moves enrollments along with the tax ledger: when a person's ledger records cover the assessed amount,
 * the enrollment is marked paid (then covered) through {@link EnrollmentService#recordPayment} with the
 * covering transaction id as reference; when that payment is reversed (冲正), the enrollment goes back to
 * assessed. Decided from the whole ledger of the person and year every time, so applying it again changes
 * nothing. Runs after the ledger write has committed, one person per transaction: the ledger is the record
 * of money received and stays whatever an enrollment says (a refusal is counted, never rolled back into
 * the ledger).
 */
@Service
public class EnrollmentPaymentLink {

    /** Tax files print local booking times (docs/collection.md, decision 9). */
    static final ZoneId TAX_TIME_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(EnrollmentPaymentLink.class);
    private static final int PAGE = 1000;

    private final EnrollmentService enrollmentService;
    private final EnrollmentSource enrollments;
    private final PaymentRepository payments;
    private final JdbcTemplate jdbc;

    public EnrollmentPaymentLink(EnrollmentService enrollmentService, EnrollmentSource enrollments, PaymentRepository payments,
                                 JdbcTemplate jdbc) {
        this.enrollmentService = enrollmentService;
        this.enrollments = enrollments;
        this.payments = payments;
        this.jdbc = jdbc;
    }

    /**
     * What applying the ledger did to enrollments.
     *
     * @param paid enrollments marked paid
     * @param reversed enrollments moved back to assessed
     * @param refused people whose enrollment refused the payment (e.g. already paid by another
     *     reference); the reconciliation worklists carry them
     */
    public record Summary(long paid, long reversed, long refused) {
        public static final Summary NOTHING = new Summary(0, 0, 0);

        Summary plus(Summary other) {
            return new Summary(paid + other.paid, reversed + other.reversed, refused + other.refused);
        }
    }

    /**
     * What the ledger asks of one enrollment.
     *
     * @param reversedPayments payments cancelled by a reversal: an enrollment paid by one of them is undone
     * @param covering the payment with which the running sum of effective payments (booking order) reached
     *     the assessed amount, and that running sum; empty while the money does not cover it
     */
    public record Decision(List<String> reversedPayments, Optional<Covering> covering) {
    }

    public record Covering(TaxPaymentRecord payment, Money paidSoFar) {
    }

    /**
     * Pure rule: the enrollment is paid by the first payment in booking order with which the effective
     * payments (not reversed) reach the assessed amount. Refunds (退费) do not undo a payment: they settle
     * what was paid beyond the person's share (先缴后补, overpayment) or follow an ended enrollment, both
     * decided on the enrollment side. An assessed zero needs no money and is left to the enrollment side.
     */
    public static Decision decide(Optional<AssessedEnrollment> enrollment, List<TaxPaymentRecord> records) {
        Set<String> paymentIds = new HashSet<>();
        records.stream().filter(r -> r.kind() == PaymentKind.PAYMENT).forEach(r -> paymentIds.add(r.transactionId()));
        Set<String> reversed = new HashSet<>();
        Money orphanReversals = Money.ZERO;
        for (TaxPaymentRecord r : records) {
            if (r.kind() == PaymentKind.REVERSAL) {
                if (paymentIds.contains(r.reverses().orElseThrow())) {
                    reversed.add(r.reverses().get());
                } else {
                    orphanReversals = orphanReversals.plus(r.amount());
                }
            }
        }
        List<String> reversedPayments = reversed.stream().sorted().toList();
        Optional<Money> due = enrollment.flatMap(AssessedEnrollment::assessedAmount);
        if (due.isEmpty() || !due.get().isPositive()) {
            return new Decision(reversedPayments, Optional.empty());
        }
        List<TaxPaymentRecord> effective = new ArrayList<>(records.stream()
                .filter(r -> r.kind() == PaymentKind.PAYMENT && !reversed.contains(r.transactionId())).toList());
        effective.sort(Comparator.comparing(TaxPaymentRecord::paidAt).thenComparing(TaxPaymentRecord::transactionId));
        // A reversal of a payment not imported yet still counts as money gone (decision 5).
        Money sum = orphanReversals.negate();
        for (TaxPaymentRecord r : effective) {
            sum = sum.plus(r.amount());
            if (sum.compareTo(due.get()) >= 0) {
                return new Decision(reversedPayments, Optional.of(new Covering(r, sum)));
            }
        }
        return new Decision(reversedPayments, Optional.empty());
    }

    /** Applies the ledger of every person with a record in the import batch. */
    public Summary applyBatch(long batchId, String user) {
        Summary total = Summary.NOTHING;
        int afterYear = 0;
        String afterId = "";
        while (true) {
            List<Object[]> people = jdbc.query("SELECT DISTINCT coverage_year, id_number FROM payment_record WHERE batch_id = ? "
                    + "AND (coverage_year, id_number) > (?, ?) ORDER BY coverage_year, id_number LIMIT ?",
                    (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2)}, batchId, afterYear, afterId, PAGE);
            for (Object[] person : people) {
                total = total.plus(applyPerson((Integer) person[0], (String) person[1], user));
            }
            if (people.size() < PAGE) {
                return total;
            }
            afterYear = (Integer) people.get(people.size() - 1)[0];
            afterId = (String) people.get(people.size() - 1)[1];
        }
    }

    /** Applies one person's ledger for the year to their enrollment. */
    public Summary applyPerson(int coverageYear, String idNumber, String user) {
        Optional<AssessedEnrollment> enrollment = enrollments.find(coverageYear, idNumber);
        if (enrollment.isEmpty()) {
            return Summary.NOTHING;
        }
        Decision decision = decide(enrollment, payments.ofPerson(coverageYear, idNumber));
        // The ledger record was accepted for the collecting region; its consequence for the enrollment is
        // made on the ledger's authority, in the enrollment's region, audited under the user who recorded it.
        Actor actor = Actor.system(user, enrollment.get().region());
        String personKey = personKey(idNumber);
        long reversedCount = 0;
        for (String reversed : decision.reversedPayments()) {
            reversedCount += enrollmentService.reversePayment(actor, personKey, coverageYear, reversed).isPresent() ? 1 : 0;
        }
        if (decision.covering().isEmpty()) {
            return new Summary(0, reversedCount, 0);
        }
        Covering covering = decision.covering().get();
        try {
            Optional<String> before = enrollments.paymentReference(coverageYear, idNumber);
            enrollmentService.recordPayment(actor, new PaymentRecord(personKey, coverageYear, covering.paidSoFar(),
                    covering.payment().paidAt().atZone(TAX_TIME_ZONE).toOffsetDateTime(), covering.payment().transactionId()));
            boolean changed = !before.equals(Optional.of(covering.payment().transactionId()));
            return new Summary(changed ? 1 : 0, reversedCount, 0);
        } catch (ConflictException e) {
            log.info("Enrollment {} {} not marked paid by {}: {}", coverageYear, personKey, covering.payment().transactionId(), e.getMessage());
            return new Summary(0, reversedCount, 1);
        }
    }

    /** The enrollment side's key of a person identified by an 18-character national number. */
    static String personKey(String idNumber) {
        return "CN" + idNumber;
    }
}
