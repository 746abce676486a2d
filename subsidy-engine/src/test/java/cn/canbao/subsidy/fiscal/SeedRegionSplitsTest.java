package cn.canbao.subsidy.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.fiscal.FiscalSplit;
import cn.canbao.policy.fiscal.FiscalSplitCalculator;
import cn.canbao.region.RegionCode;

/**
 * The fiscal splits the subsidy engine settles with, hand-computed to the fen for 100,000 insured people:
 * 呼伦贝尔市 2024 (呼医保发〔2024〕13号 一: 670 per person, 80% central, 14% region, the city 30/50/70% of the remaining
 * 6% by tier, the rest the county) and 怀远县 2025 (方案 二（一）: central 536, province 134 per person).
 */
class SeedRegionSplitsTest {

    private static final PolicyCatalog CATALOG = PolicyCatalog.fromClasspath();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // region, year, total, central, provincial, city, county
            "150702, 2024, 67000000.00, 53600000.00, 9380000.00, 1206000.00, 2814000.00", // 海拉尔区 一档 30%
            "150782, 2024, 67000000.00, 53600000.00, 9380000.00, 2010000.00, 2010000.00", // 牙克石市 二档 50%
            "150721, 2024, 67000000.00, 53600000.00, 9380000.00, 2814000.00, 1206000.00", // 阿荣旗 三档 70%
            "340321, 2025, 67000000.00, 53600000.00, 13400000.00, 0.00, 0.00"})           // 怀远县 536 + 134
    void theSplitAt100000InsuredIsCorrectToTheFen(String region, int year, String total, String central, String provincial,
                                                   String city, String county) {
        FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.split(CATALOG, RegionCode.of(region), year, 100_000);
        assertThat(split.total()).isEqualTo(Money.parse(total));
        Map<FiscalLevel, String> expected = Map.of(FiscalLevel.CENTRAL, central, FiscalLevel.PROVINCIAL, provincial,
                FiscalLevel.CITY, city, FiscalLevel.COUNTY, county);
        expected.forEach((level, amount) ->
                assertThat(FiscalSplitCalculator.amountOf(split.levels(), level)).as(level.name()).isEqualTo(Money.parse(amount)));
    }

    /**
     * 呼医保发〔2024〕13号 六（三）: by the end of April 2025 each level pre-allocates 60% of the prior year's standard.
     * 670 × 60% = 402.00 per person; × 100,000 = 40,200,000.00, split as in 一: central 80% = 32,160,000.00,
     * region 14% = 5,628,000.00, the remaining 6% = 2,412,000.00 shared by the city at its tier share and the county:
     * 一档 30%: 723,600.00 / 1,688,400.00; 二档 50%: 1,206,000.00 / 1,206,000.00; 三档 70%: 1,688,400.00 / 723,600.00.
     */
    @ParameterizedTest(name = "{0} pre-allocation 2025")
    @CsvSource({
            "150702, 723600.00, 1688400.00",  // 海拉尔区 一档
            "150782, 1206000.00, 1206000.00", // 牙克石市 二档
            "150721, 1688400.00, 723600.00"}) // 阿荣旗 三档
    void thePreAllocationAt100000InsuredIs60PercentOfThePriorStandardToTheFen(String region, String city, String county) {
        FiscalSplit split = (FiscalSplit) FiscalSplitCalculator.split(CATALOG, RegionCode.of(region), 2025, 100_000);
        assertThat(split.preAllocation().total()).isEqualTo(Money.parse("40200000.00"));
        Map<FiscalLevel, String> expected = Map.of(FiscalLevel.CENTRAL, "32160000.00", FiscalLevel.PROVINCIAL, "5628000.00",
                FiscalLevel.CITY, city, FiscalLevel.COUNTY, county);
        expected.forEach((level, amount) -> assertThat(FiscalSplitCalculator.amountOf(split.preAllocation().levels(), level))
                .as(level.name()).isEqualTo(Money.parse(amount)));
    }
}
