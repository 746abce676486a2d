package cn.canbao.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of renminbi held as whole fen (分), so sums are exact and fast; never a double.
 * Negative amounts are allowed (refunds, differences to return); they are a value, not an error.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    public static Money ofYuan(long yuan) {
        return new Money(Math.multiplyExact(yuan, 100));
    }

    /** Parses "400", "400.5" or "400.50"; more than two decimal places is an error, not a rounding. */
    public static Money parse(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            throw new IllegalArgumentException("amount is empty");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(yuan.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount: " + yuan);
        }
        return of(value);
    }

    public static Money of(BigDecimal yuan) {
        if (yuan.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("an amount has at most two decimal places (fen): " + yuan.toPlainString());
        }
        return new Money(yuan.movePointRight(2).longValueExact());
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public Money times(long count) {
        return new Money(Math.multiplyExact(fen, count));
    }

    /** Multiplies by an exact ratio (e.g. 0.8 for 80%) and rounds half up to the fen. */
    public Money times(BigDecimal ratio) {
        return new Money(BigDecimal.valueOf(fen).multiply(ratio).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    public Money negate() {
        return new Money(Math.negateExact(fen));
    }

    public Money max(Money other) {
        return fen >= other.fen ? this : other;
    }

    public Money min(Money other) {
        return fen <= other.fen ? this : other;
    }

    public boolean isZero() {
        return fen == 0;
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public BigDecimal toYuan() {
        return BigDecimal.valueOf(fen, 2);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    /** Two decimal places, e.g. "400.00": the form APIs and exports use. */
    @Override
    public String toString() {
        return toYuan().toPlainString();
    }
}
