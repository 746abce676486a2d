package cn.canbao.subsidy.statement;

import cn.canbao.money.Money;

/** People paid for and the amount, for one group of a statement. */
public record Subtotal(long people, Money amount) {

    public static final Subtotal EMPTY = new Subtotal(0, Money.ZERO);

    public Subtotal plus(Money part) {
        return new Subtotal(people + 1, amount.plus(part));
    }

    public Subtotal plus(Subtotal other) {
        return new Subtotal(people + other.people, amount.plus(other.amount));
    }
}
