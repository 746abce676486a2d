package cn.canbao.collection.reconciliation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.money.Money;

/**
 * Everything reconciliation concluded about one person and coverage year.
 *
 * @param enrollment the enrollment, when there is one
 * @param records every payment, reversal and refund of the person for the year
 * @param effectivePayments payments not cancelled by a reversal
 * @param netPaid payments minus reversals minus refunds
 * @param fullyPaid assessed and the payments cover the assessed amount (an assessed zero counts as
 *     paid: the funder pays everything, 呼医保发〔2024〕13号 二（二）一)
 * @param paidOn the day the payments first covered the assessed amount (for an assessed zero: the
 *     registration day); empty when not fully paid
 * @param differences the worklist items; empty when money and people agree
 */
public record PersonOutcome(
        String idNumber,
        int coverageYear,
        Optional<AssessedEnrollment> enrollment,
        List<TaxPaymentRecord> records,
        int effectivePayments,
        Money netPaid,
        boolean fullyPaid,
        Optional<LocalDate> paidOn,
        List<Difference> differences) {

    public boolean agrees() {
        return differences.isEmpty();
    }
}
