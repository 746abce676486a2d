package cn.canbao.subsidy.fiscal;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;

/**
 * One fiscal level's settlement: what it pre-allocated, what it finally owes, and the difference.
 * A positive difference is still to pay by the settlement date; a negative one is returned to that level.
 */
public record LevelSettlement(FiscalLevel level, Money preAllocated, Money finalAmount, Money difference, Direction direction) {

    public enum Direction { TO_PAY, TO_RETURN, SETTLED }

    static LevelSettlement of(FiscalLevel level, Money preAllocated, Money finalAmount) {
        Money difference = finalAmount.minus(preAllocated);
        Direction direction = difference.isPositive() ? Direction.TO_PAY : difference.isNegative() ? Direction.TO_RETURN : Direction.SETTLED;
        return new LevelSettlement(level, preAllocated, finalAmount, difference, direction);
    }
}
