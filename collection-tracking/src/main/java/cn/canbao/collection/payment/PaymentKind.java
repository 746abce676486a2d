package cn.canbao.collection.payment;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a payment record does to the money a person has paid. Every kind is its own record; a
 * correction never edits an earlier one.
 */
public enum PaymentKind {
    /** Money received (缴费). */
    PAYMENT("缴费"),
    /** Cancels one earlier payment in full (冲正); must name the transaction it reverses. */
    REVERSAL("冲正"),
    /** Money paid back to the person (退费), in full or in part. */
    REFUND("退费");

    private final String chineseName;

    PaymentKind(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Optional<PaymentKind> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(PAYMENT);
        }
        String trimmed = text.trim();
        return Arrays.stream(values())
                .filter(k -> k.name().equalsIgnoreCase(trimmed) || k.chineseName.equals(trimmed))
                .findFirst();
    }
}
