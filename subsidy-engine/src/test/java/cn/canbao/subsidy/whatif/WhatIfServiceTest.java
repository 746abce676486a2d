package cn.canbao.subsidy.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.Funder;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.support.SubsidyTestConfiguration;

@SpringBootTest(classes = SubsidyTestConfiguration.class)
class WhatIfServiceTest {

    private static final RegionCode YAKESHI = RegionCode.of("150782");

    @Autowired
    WhatIfService whatIf;

    @Test
    void anAssumed2025StandardIsSplitByThePolicyWhileTheCurrentSideSaysTheStandardIsNotGiven() {
        // 牙克石市 二档, 100,000 insured at an assumed 700: 70,000,000.00 → central 56,000,000.00, region 9,800,000.00,
        // remaining 4,200,000.00 halved between city and county.
        Scenario scenario = new Scenario(null, Money.parse("700.00"), 100_000L, Map.of(),
                Map.of("low-income", Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.parse("250.00"))));
        WhatIfResult result = whatIf.simulate(YAKESHI, 2025, scenario);

        assertThat(result.currentFiscalMissing()).anySatisfy(m -> assertThat(m).contains("standard"));
        assertThat(result.level(FiscalLevel.CENTRAL).scenario()).isEqualTo(Money.parse("56000000.00"));
        assertThat(result.level(FiscalLevel.PROVINCIAL).scenario()).isEqualTo(Money.parse("9800000.00"));
        assertThat(result.level(FiscalLevel.CITY).scenario()).isEqualTo(Money.parse("2100000.00"));
        assertThat(result.level(FiscalLevel.COUNTY).scenario()).isEqualTo(Money.parse("2100000.00"));
        assertThat(result.level(FiscalLevel.CENTRAL).current()).isNull();
        assertThat(result.funders()).extracting(WhatIfResult.FunderRow::funder).containsExactly(Funder.values());
    }

    @Test
    void theBaselineTakesEveryRuleOfThePolicyWithItsParts() {
        WhatIfInput baseline = whatIf.baseline(RegionCode.of("340321"), 2025);
        assertThat(baseline.personalStandard()).isEqualTo(Money.parse("400.00"));
        assertThat(baseline.fiscalStandard()).isEqualTo(Money.parse("670.00"));
        assertThat(baseline.groups()).extracting(RuleGroup::ruleId).contains("tekun", "dibao", "monitored", "entitled-veteran",
                "only-son-parent");
        assertThat(baseline.groups()).filteredOn(g -> g.ruleId().equals("only-son-parent")).singleElement()
                .satisfies(g -> assertThat(g.parts().get(0).share()).isEqualTo(PartRule.Share.HALF));
    }
}
