package cn.canbao.subsidy.fiscal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;

/**
 * Settles the year's government subsidy per level as 呼医保发〔2024〕13号 六（三） orders: pre-allocate 60% of the prior
 * year's standard by the end of April, settle by the end of October. Pure: amounts in, differences out.
 */
public final class FiscalSettlementCalculator {

    private FiscalSettlementCalculator() {
    }

    /**
     * @param preAllocated each level's pre-allocated amount (levels without an entry pre-allocated nothing)
     * @param finalAmounts each level's final amount, or empty when not computable
     * @param missing      why the final amounts are not computable (empty when they are)
     */
    public static FiscalSettlement settle(Map<FiscalLevel, Money> preAllocated, Map<FiscalLevel, Money> finalAmounts,
                                          List<String> missing) {
        boolean settled = !finalAmounts.isEmpty() && missing.isEmpty();
        EnumSet<FiscalLevel> levels = EnumSet.noneOf(FiscalLevel.class);
        levels.addAll(preAllocated.keySet());
        levels.addAll(finalAmounts.keySet());
        List<LevelSettlement> result = new ArrayList<>();
        Money preTotal = Money.ZERO;
        Money finalTotal = Money.ZERO;
        for (FiscalLevel level : levels) {
            Money pre = preAllocated.getOrDefault(level, Money.ZERO);
            preTotal = preTotal.plus(pre);
            if (settled) {
                Money fin = finalAmounts.getOrDefault(level, Money.ZERO);
                finalTotal = finalTotal.plus(fin);
                result.add(LevelSettlement.of(level, pre, fin));
            } else {
                result.add(new LevelSettlement(level, pre, null, null, null));
            }
        }
        return new FiscalSettlement(settled, result, preTotal, settled ? finalTotal : null, missing);
    }
}
