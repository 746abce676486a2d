package cn.canbao.collection.payment;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.collection.reconciliation.PersonOutcome;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.region.RegionCode;

/** Single payment records (POST /api/v1/payments): written once, reconciled for the person at once. */
@Service
public class PaymentService {

    private final PaymentRepository payments;
    private final ReconciliationService reconciliation;

    public PaymentService(PaymentRepository payments, ReconciliationService reconciliation) {
        this.payments = payments;
        this.reconciliation = reconciliation;
    }

    /** What happened to a posted record. */
    public enum Result { CREATED, ALREADY_PRESENT, CONFLICT, OUTSIDE_REGION }

    /**
     * @param outcome the person's reconciliation after the write, when something was written
     */
    public record RecordResult(Result result, Optional<PersonOutcome> outcome) {
    }

    @Transactional
    public RecordResult record(PaymentRecord record, RegionCode scope, String user) {
        if (!PaymentImportService.withinScope(record.collectingRegion(), scope)) {
            return new RecordResult(Result.OUTSIDE_REGION, Optional.empty());
        }
        return switch (payments.insertOne(record, user)) {
            case INSERTED -> new RecordResult(Result.CREATED,
                    Optional.of(reconciliation.reconcilePerson(record.coverageYear(), record.idNumber())));
            case ALREADY_PRESENT -> new RecordResult(Result.ALREADY_PRESENT, Optional.empty());
            case CONFLICT -> new RecordResult(Result.CONFLICT, Optional.empty());
        };
    }
}
