package cn.canbao.subsidy.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;

class FiscalSettlementCalculatorTest {

    @Test
    void eachLevelPaysOrGetsBackTheDifferenceBetweenItsFinalShareAndItsPreAllocation() {
        // 海拉尔区 (一档): pre-allocated 60% × 670 × 100,000 = 40,200,000.00 split 80% / 14% / 6% × 30% / rest;
        // final on an assumed 700 × 101,000 = 70,700,000.00 split the same way.
        Map<FiscalLevel, Money> pre = Map.of(FiscalLevel.CENTRAL, Money.parse("32160000.00"), FiscalLevel.PROVINCIAL,
                Money.parse("5628000.00"), FiscalLevel.CITY, Money.parse("723600.00"), FiscalLevel.COUNTY, Money.parse("1688400.00"));
        Map<FiscalLevel, Money> fin = Map.of(FiscalLevel.CENTRAL, Money.parse("56560000.00"), FiscalLevel.PROVINCIAL,
                Money.parse("9898000.00"), FiscalLevel.CITY, Money.parse("1272600.00"), FiscalLevel.COUNTY, Money.parse("2969400.00"));

        FiscalSettlement settlement = FiscalSettlementCalculator.settle(pre, fin, List.of());

        assertThat(settlement.settled()).isTrue();
        assertThat(settlement.preAllocatedTotal()).isEqualTo(Money.parse("40200000.00"));
        assertThat(settlement.finalTotal()).isEqualTo(Money.parse("70700000.00"));
        assertThat(settlement.levels()).extracting(LevelSettlement::difference).containsExactly(Money.parse("24400000.00"),
                Money.parse("4270000.00"), Money.parse("549000.00"), Money.parse("1281000.00"));
        assertThat(settlement.levels()).extracting(LevelSettlement::direction).containsOnly(LevelSettlement.Direction.TO_PAY);
    }

    @Test
    void aLevelThatPreAllocatedTooMuchGetsTheExcessBack() {
        FiscalSettlement settlement = FiscalSettlementCalculator.settle(Map.of(FiscalLevel.COUNTY, Money.parse("100.00")),
                Map.of(FiscalLevel.COUNTY, Money.parse("80.50")), List.of());
        assertThat(settlement.levels().get(0).difference()).isEqualTo(Money.parse("-19.50"));
        assertThat(settlement.levels().get(0).direction()).isEqualTo(LevelSettlement.Direction.TO_RETURN);
    }

    @Test
    void withoutTheYearsStandardOnlyThePreAllocationIsShownAndWhatIsMissingIsNamed() {
        FiscalSettlement settlement = FiscalSettlementCalculator.settle(Map.of(FiscalLevel.CENTRAL, Money.parse("32160000.00")),
                Map.of(), List.of("the 2025 government subsidy standard per person"));
        assertThat(settlement.settled()).isFalse();
        assertThat(settlement.finalTotal()).isNull();
        assertThat(settlement.levels().get(0).difference()).isNull();
        assertThat(settlement.missing()).containsExactly("the 2025 government subsidy standard per person");
    }
}
