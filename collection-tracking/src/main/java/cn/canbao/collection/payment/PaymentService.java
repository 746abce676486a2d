package cn.canbao.collection.payment;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.collection.reconciliation.PersonOutcome;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.region.RegionCode;

/**
 * Single payment records (POST /api/v1/payments): written once and reconciled for the person at once;
 * in the same transaction, the person's enrollment follows the money ({@link EnrollmentPaymentLink}).
 */
@Service
public class PaymentService {

    private final PaymentRepository payments;
    private final ReconciliationService reconciliation;
    private final EnrollmentPaymentLink enrollmentLink;
    private final TransactionTemplate transaction;

    public PaymentService(PaymentRepository payments, ReconciliationService reconciliation, EnrollmentPaymentLink enrollmentLink,
                          TransactionTemplate transaction) {
        this.payments = payments;
        this.reconciliation = reconciliation;
        this.enrollmentLink = enrollmentLink;
        this.transaction = transaction;
    }

    /** What happened to a posted record. */
    public enum Result { CREATED, ALREADY_PRESENT, CONFLICT, OUTSIDE_REGION }

    /**
     * @param outcome the person's reconciliation after the write, when something was written
     * @param enrollment what the write did to the person's enrollment
     */
    public record RecordResult(Result result, Optional<PersonOutcome> outcome, EnrollmentPaymentLink.Summary enrollment) {
    }

    public RecordResult record(TaxPaymentRecord record, RegionCode scope, String user) {
        if (!PaymentImportService.withinScope(record.collectingRegion(), scope)) {
            return new RecordResult(Result.OUTSIDE_REGION, Optional.empty(), EnrollmentPaymentLink.Summary.NOTHING);
        }
        return transaction.execute(status -> switch (payments.insertOne(record, user)) {
            case INSERTED -> new RecordResult(Result.CREATED,
                    Optional.of(reconciliation.reconcilePerson(record.coverageYear(), record.idNumber())),
                    enrollmentLink.applyPerson(record.coverageYear(), record.idNumber(), user));
            case ALREADY_PRESENT -> new RecordResult(Result.ALREADY_PRESENT, Optional.empty(), EnrollmentPaymentLink.Summary.NOTHING);
            case CONFLICT -> new RecordResult(Result.CONFLICT, Optional.empty(), EnrollmentPaymentLink.Summary.NOTHING);
        });
    }
}
