package cn.canbao.collection.payment;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * One line of the tax bureau's collection ledger: a payment, a reversal (冲正) of one earlier payment,
 * or a refund (退费). The amount is always positive; the kind says in which direction it moves money.
 * Not to be confused with enrollment-core's {@code cn.canbao.enrollment.enrollment.PaymentRecord}, the
 * report that moves one enrollment to paid: {@link EnrollmentPaymentLink} derives those reports from
 * these ledger records.
 *
 * @param transactionId the tax bureau's unique transaction number (电子税票号/交易流水号); the idempotency key
 * @param idNumber 18-character identity number of the insured person, upper case
 * @param name the person's name as the tax bureau has it
 * @param amount positive amount of this record
 * @param coverageYear the coverage year (待遇享受年度) the money is for
 * @param channel where the money was received
 * @param paidAt local time (Asia/Shanghai) the tax bureau booked the record
 * @param collectingUnit identifier of the collecting tax office or agent (征收单位/代征单位) as in the file
 * @param collectingRegion the region of the collecting unit, to tell payments made in another region
 * @param kind payment, reversal or refund
 * @param reverses for a reversal: the transaction it cancels; for a refund: optionally the payment it refunds
 */
public record TaxPaymentRecord(
        String transactionId,
        String idNumber,
        String name,
        Money amount,
        int coverageYear,
        Channel channel,
        LocalDateTime paidAt,
        String collectingUnit,
        RegionCode collectingRegion,
        PaymentKind kind,
        Optional<String> reverses) {

    public static final int MAX_TRANSACTION_ID_LENGTH = 64;

    public TaxPaymentRecord {
        requireText(transactionId, "transaction id");
        if (transactionId.length() > MAX_TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id longer than " + MAX_TRANSACTION_ID_LENGTH);
        }
        idNumber = IdNumbers.normalize(idNumber);
        IdNumbers.problem(idNumber).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        requireText(name, "name");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive; the kind gives the direction");
        }
        if (coverageYear < 2000 || coverageYear > 2100) {
            throw new IllegalArgumentException("coverage year out of range: " + coverageYear);
        }
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(paidAt, "paid at");
        requireText(collectingUnit, "collecting unit");
        Objects.requireNonNull(collectingRegion, "collecting region");
        Objects.requireNonNull(kind, "kind");
        reverses = reverses == null ? Optional.empty() : reverses.filter(r -> !r.isBlank());
        if (kind == PaymentKind.REVERSAL && reverses.isEmpty()) {
            throw new IllegalArgumentException("a reversal must name the transaction it reverses");
        }
        if (kind == PaymentKind.PAYMENT && reverses.isPresent()) {
            throw new IllegalArgumentException("a payment cannot reverse another transaction");
        }
        if (reverses.isPresent() && reverses.get().equals(transactionId)) {
            throw new IllegalArgumentException("a record cannot reverse itself");
        }
    }

    /** The amount as it changes what the person has paid: positive for a payment, negative otherwise. */
    public Money signedAmount() {
        return kind == PaymentKind.PAYMENT ? amount : amount.negate();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
    }
}
