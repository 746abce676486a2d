package cn.canbao.policy.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

class FiscalSplitCalculatorTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.fromClasspath();

    @Test
    void theLevelsAlwaysAddUpToTheTotalToTheFen() {
        for (String county : new String[] {"150702", "150782", "150721", "150783", "150785"}) {
            for (long count = 0; count < 2_000; count += 7) {
                FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.split(CATALOG, RegionCode.of(county), 2024, count);
                Money sum = split.levels().stream().map(LevelAmount::amount).reduce(Money.ZERO, Money::plus);
                assertThat(sum).as(county + " at " + count).isEqualTo(split.total());
            }
        }
    }

    @Test
    void onePersonInHailarSplitsIntoFenExactShares() {
        FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.split(CATALOG, RegionCode.of("150702"), 2024, 1);

        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.CENTRAL)).isEqualTo(Money.parse("536.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.PROVINCIAL)).isEqualTo(Money.parse("93.80"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.CITY)).isEqualTo(Money.parse("12.06"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.COUNTY)).isEqualTo(Money.parse("28.14"));
    }

    @Test
    void aTownshipIsSplitByItsCountysTier() {
        FiscalSplit township = (FiscalSplit) FiscalSplitCalculator.split(CATALOG, RegionCode.of("150702001000"), 2024, 100_000);

        assertThat(FiscalSplitCalculator.amountOf(township.levels(), FiscalLevel.CITY)).isEqualTo(Money.parse("1206000.00"));
    }

    @Test
    void theSettlementDifferenceIsTheFinalAmountMinusThePreAllocationPerLevel() {
        FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.split(CATALOG, RegionCode.of("150702"), 2025, 100_000);

        assertThat(split.levels()).isEmpty();
        assertThat(split.settlement().differences()).isEmpty();
        assertThat(split.settlement().due()).hasToString("2025-10-31");
        assertThat(split.preAllocation().levels()).extracting(LevelAmount::level)
                .containsExactly(FiscalLevel.CENTRAL, FiscalLevel.PROVINCIAL, FiscalLevel.CITY, FiscalLevel.COUNTY);
    }

    @Test
    void aNegativeCountIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FiscalSplitCalculator.split(CATALOG, RegionCode.of("150702"), 2024, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void withAStandardAndAPreAllocationEachLevelSettlesTheDifference() {
        String cite = "    cite: {doc: 测试, clause: 一, quote: 测试}\n";
        String yaml = """
                region: "110101"
                coverageYear: 2026
                title: test
                fiscal:
                  standard: {amount: "700.00", cite: {doc: 测试, clause: 一, quote: 测试}}
                  shares:
                    - level: CENTRAL
                      percent: 80
                """ + "  " + cite + """
                    - level: COUNTY
                      rest: true
                """ + "  " + cite + """
                  preAllocation:
                    percentOfPriorYearStandard: 60
                    priorYearStandard: {amount: "670.00", cite: {doc: 测试, clause: 一, quote: 测试}}
                    due: 2026-04-30
                """ + cite + """
                  settlementDue: {date: 2026-10-31, cite: {doc: 测试, clause: 一, quote: 测试}}
                """;
        PolicyCatalog catalog = PolicyCatalog.of(java.util.Map.of("110101-2026.yaml", yaml));

        FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.split(catalog, RegionCode.of("110101"), 2026, 100);

        assertThat(split.total()).isEqualTo(Money.parse("70000.00"));
        assertThat(split.preAllocation().total()).isEqualTo(Money.parse("40200.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.settlement().differences(), FiscalLevel.CENTRAL)).isEqualTo(Money.parse("23840.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.settlement().differences(), FiscalLevel.COUNTY)).isEqualTo(Money.parse("5960.00"));
    }

    @Test
    void aWhatIfStandardIsSplitWithThePolicysSharesAndTiers() {
        FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.splitStandard(
                CATALOG.effective(RegionCode.of("150782"), 2025).orElseThrow(), Money.parse("700.00"), 100_000);

        assertThat(split.total()).isEqualTo(Money.parse("70000000.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.CENTRAL)).isEqualTo(Money.parse("56000000.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.PROVINCIAL)).isEqualTo(Money.parse("9800000.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.CITY)).isEqualTo(Money.parse("2100000.00"));
        assertThat(FiscalSplitCalculator.amountOf(split.levels(), FiscalLevel.COUNTY)).isEqualTo(Money.parse("2100000.00"));
        assertThat(split.notComputable()).isEmpty();
    }
}
