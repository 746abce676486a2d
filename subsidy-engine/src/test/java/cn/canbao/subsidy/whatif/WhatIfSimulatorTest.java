package cn.canbao.subsidy.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.Funder;
import cn.canbao.policy.SubsidyMode;

class WhatIfSimulatorTest {

    /** 怀远县: central 536 and province 134 per person (怀远县 方案 二（一）). */
    private static final FiscalSplitter HUAIYUAN = (standard, count) -> standard == null
            ? new FiscalSplitter.Outcome(Map.of(), List.of("standard"))
            : new FiscalSplitter.Outcome(Map.of(FiscalLevel.CENTRAL, Money.parse("536.00").times(count),
                    FiscalLevel.PROVINCIAL, Money.parse("134.00").times(count)), List.of());

    private static WhatIfInput huaiyuan() {
        return new WhatIfInput(Money.parse("400.00"), Money.parse("670.00"), 10_000, List.of(
                new RuleGroup("tekun", "特困人员", 100, List.of(PartRule.share(Funder.MEDICAL_ASSISTANCE_FUND, SubsidyMode.DIRECT, PartRule.Share.FULL))),
                new RuleGroup("dibao", "低保对象", 300, List.of(PartRule.fixed(Funder.MEDICAL_ASSISTANCE_FUND, SubsidyMode.DIRECT, Money.parse("340.00")))),
                new RuleGroup("entitled-veteran", "重点优抚对象", 50, List.of(PartRule.share(Funder.COUNTY_FINANCE, SubsidyMode.PAY_THEN_REFUND, PartRule.Share.FULL))),
                new RuleGroup("only-son-parent", "农村独男户：父母", 20, List.of(PartRule.share(Funder.COUNTY_FINANCE, SubsidyMode.PAY_THEN_REFUND, PartRule.Share.HALF)))));
    }

    @Test
    void withoutChangesBothSidesAreEqualAndHandComputed() {
        WhatIfResult result = WhatIfSimulator.simulate(huaiyuan(), Scenario.none(), HUAIYUAN);
        // 100 × 400 + 300 × 340 = 142,000.00
        assertThat(result.funder(Funder.MEDICAL_ASSISTANCE_FUND).current()).isEqualTo(Money.parse("142000.00"));
        // 50 × 400 + 20 × 200 = 24,000.00
        assertThat(result.funder(Funder.COUNTY_FINANCE).current()).isEqualTo(Money.parse("24000.00"));
        assertThat(result.funder(Funder.COUNTY_FINANCE).currentPeople()).isEqualTo(70);
        assertThat(result.funder(Funder.COUNTY_FINANCE).difference()).isEqualTo(Money.ZERO);
        assertThat(result.level(FiscalLevel.CENTRAL).current()).isEqualTo(Money.parse("5360000.00"));
        assertThat(result.level(FiscalLevel.PROVINCIAL).difference()).isEqualTo(Money.ZERO);
        // personal: 9,530 ordinary × 400 + dibao 300 × 60 + only-son 20 × 200 = 3,834,000.00
        assertThat(result.currentPersonalTotal()).isEqualTo(Money.parse("3834000.00"));
    }

    @Test
    void aHigherStandardRaisesFullAndHalfSharesButNotFixedAmounts() {
        Scenario higher = new Scenario(Money.parse("420.00"), null, null, Map.of(), Map.of());
        WhatIfResult result = WhatIfSimulator.simulate(huaiyuan(), higher, HUAIYUAN);
        // fund: 100 × 420 + 300 × 340 = 144,000.00 (+2,000.00)
        assertThat(result.funder(Funder.MEDICAL_ASSISTANCE_FUND).scenario()).isEqualTo(Money.parse("144000.00"));
        assertThat(result.funder(Funder.MEDICAL_ASSISTANCE_FUND).difference()).isEqualTo(Money.parse("2000.00"));
        // county finance: 50 × 420 + 20 × 210 = 25,200.00
        assertThat(result.funder(Funder.COUNTY_FINANCE).scenario()).isEqualTo(Money.parse("25200.00"));
    }

    @Test
    void aChangedAmountAndHeadCountChangeOnlyTheirFunderAndTheFiscalSplitFollowsTheInsuredCount() {
        Scenario scenario = new Scenario(null, Money.parse("700.00"), 10_500L, Map.of("entitled-veteran", 80L),
                Map.of("dibao", Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.parse("360.00"))));
        WhatIfResult result = WhatIfSimulator.simulate(huaiyuan(), scenario, HUAIYUAN);
        assertThat(result.funder(Funder.MEDICAL_ASSISTANCE_FUND).scenario()).isEqualTo(Money.parse("148000.00"));
        assertThat(result.funder(Funder.COUNTY_FINANCE).scenario()).isEqualTo(Money.parse("36000.00"));
        assertThat(result.funder(Funder.COUNTY_FINANCE).scenarioPeople()).isEqualTo(100);
        assertThat(result.level(FiscalLevel.CENTRAL).scenario()).isEqualTo(Money.parse("5628000.00"));
        assertThat(result.level(FiscalLevel.CENTRAL).difference()).isEqualTo(Money.parse("268000.00"));
    }

    @Test
    void aFixedAmountNeverExceedsTheStandardAndUnknownRulesAreRefused() {
        Scenario tooMuch = new Scenario(null, null, null, Map.of(), Map.of("dibao", Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.parse("500.00"))));
        assertThat(WhatIfSimulator.simulate(huaiyuan(), tooMuch, HUAIYUAN).funder(Funder.MEDICAL_ASSISTANCE_FUND).scenario())
                .isEqualTo(Money.parse("160000.00"));
        assertThatThrownBy(() -> WhatIfSimulator.simulate(huaiyuan(), new Scenario(null, null, null, Map.of("nope", 1L), Map.of()), HUAIYUAN))
                .hasMessageContaining("no subsidy rule nope");
        assertThatThrownBy(() -> WhatIfSimulator.simulate(huaiyuan(), new Scenario(null, null, null, Map.of(),
                Map.of("dibao", Map.of(Funder.COUNTY_FINANCE, Money.parse("1.00")))), HUAIYUAN)).hasMessageContaining("no part paid by COUNTY_FINANCE");
    }

    @Test
    void aMissingFiscalStandardIsNamedNotGuessed() {
        WhatIfInput noStandard = new WhatIfInput(Money.parse("400.00"), null, 100, List.of());
        WhatIfResult result = WhatIfSimulator.simulate(noStandard, new Scenario(null, Money.parse("700.00"), null, Map.of(), Map.of()), HUAIYUAN);
        assertThat(result.currentFiscalMissing()).containsExactly("standard");
        assertThat(result.level(FiscalLevel.CENTRAL).current()).isNull();
        assertThat(result.level(FiscalLevel.CENTRAL).scenario()).isEqualTo(Money.parse("53600.00"));
    }
}
