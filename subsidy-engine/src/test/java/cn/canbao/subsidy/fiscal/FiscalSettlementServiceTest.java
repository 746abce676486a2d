package cn.canbao.subsidy.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.support.SubsidyTestConfiguration;

@SpringBootTest(classes = SubsidyTestConfiguration.class)
class FiscalSettlementServiceTest {

    private static final RegionCode HAILAR = RegionCode.of("150702");
    private static final Actor STAFF = new Actor("hailar-staff", HAILAR, "127.0.0.1");

    @Autowired
    FiscalSettlementService fiscal;
    @Autowired
    JdbcClient jdbc;

    @Test
    void hailar2025PreAllocates60PercentOfThe2024StandardPerLevelAndNamesTheMissing2025Standard() {
        // 60% × 670 × 100,000 = 40,200,000.00: central 80%, region 14%, city 30% of the remaining 6%, county the rest.
        FiscalSettlementReport report = fiscal.settle(STAFF, HAILAR, 2025, 100_000L, 101_000L);

        assertThat(report.settlement().preAllocatedTotal()).isEqualTo(Money.parse("40200000.00"));
        assertThat(report.settlement().levels()).extracting(l -> l.preAllocated().toString())
                .containsExactly("32160000.00", "5628000.00", "723600.00", "1688400.00");
        assertThat(report.preAllocationDue()).hasToString("2025-04-30");
        assertThat(report.settlementDue()).hasToString("2025-10-31");
        assertThat(report.countBasis()).isEqualTo("2024年缴费人数");
        assertThat(report.settlement().settled()).isFalse();
        assertThat(report.settlement().missing()).anySatisfy(m -> assertThat(m).contains("2025").contains("standard"));
        assertThat(report.citations()).anySatisfy(c -> assertThat(c.reference()).isEqualTo("呼医保发〔2024〕13号 六（三）"));

        assertThat(jdbc.sql("SELECT pre_allocated_fen FROM fiscal_settlement WHERE county_code = '150702' AND coverage_year = 2025 AND level = 'CITY'")
                .query(Long.class).single()).isEqualTo(72_360_000L);
        assertThat(jdbc.sql("SELECT count(*) FROM fiscal_settlement WHERE county_code = '150702' AND final_fen IS NULL")
                .query(Long.class).single()).isEqualTo(4L);
    }

    @Test
    void aCountyWithoutAPreAllocationRuleOrTierIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> fiscal.compute(RegionCode.of("340321"), 2025, 100L, 100L))
                .isInstanceOf(FiscalSplitUnavailable.class).hasMessageContaining("no pre-allocation");
        assertThatThrownBy(() -> fiscal.compute(RegionCode.of("150781"), 2025, 100L, 100L))
                .isInstanceOf(FiscalSplitUnavailable.class).hasMessageContaining("150781");
    }
}
