package cn.canbao.collection.payment;

import java.util.List;
import java.util.Optional;

import cn.canbao.collection.reconciliation.BalanceLine;

/**
 * What one import did.
 *
 * @param batchId the batch, empty when the file as a whole was refused
 * @param sameFileAsBatch set when these exact bytes were imported before: nothing was written and
 *     the counts are those of that earlier batch
 * @param rowsRead data rows read
 * @param inserted new records
 * @param alreadyPresent rows whose transaction was already recorded with the same content
 * @param rejected rows not taken (bad fields, conflicting transaction ids, outside the user's region)
 * @param errors line, field and reason for rejected rows (at most {@link #MAX_ERRORS_SHOWN}; all are stored)
 * @param balance the records per collecting unit and channel against the file's control totals
 * @param fileError why the whole file was refused
 * @param enrollments what the new records did to enrollments (marked paid, moved back by a reversal)
 */
public record PaymentImportReport(Optional<Long> batchId, Optional<Long> sameFileAsBatch, long rowsRead, long inserted,
                                  long alreadyPresent, long rejected, List<RowError> errors, List<BalanceLine> balance,
                                  Optional<String> fileError, EnrollmentPaymentLink.Summary enrollments) {

    public static final int MAX_ERRORS_SHOWN = 1000;

    public static PaymentImportReport refused(String reason) {
        return new PaymentImportReport(Optional.empty(), Optional.empty(), 0, 0, 0, 0, List.of(), List.of(), Optional.of(reason),
                EnrollmentPaymentLink.Summary.NOTHING);
    }

    public PaymentImportReport withEnrollments(EnrollmentPaymentLink.Summary applied) {
        return new PaymentImportReport(batchId, sameFileAsBatch, rowsRead, inserted, alreadyPresent, rejected, errors, balance, fileError,
                applied);
    }

    public boolean balanced() {
        return balance.stream().allMatch(BalanceLine::balanced);
    }
}
