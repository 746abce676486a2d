package cn.canbao.subsidy.fiscal;

import java.util.List;

import cn.canbao.money.Money;

/**
 * Pre-allocation (预拨) against final settlement (清算) of the government subsidy, per fiscal level.
 * When the final amounts cannot be computed (e.g. the year's standard is not in the documents), {@code levels}
 * holds only the pre-allocated amounts and {@code missing} says what is needed.
 */
public record FiscalSettlement(boolean settled, List<LevelSettlement> levels, Money preAllocatedTotal, Money finalTotal,
                               List<String> missing) {

    public FiscalSettlement {
        levels = List.copyOf(levels);
        missing = List.copyOf(missing);
    }
}
