package cn.canbao.subsidy.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.canbao.audit.Actor;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.batch.BatchAssessmentService;
import cn.canbao.subsidy.support.Population;
import cn.canbao.subsidy.support.SubsidyTestConfiguration;

@SpringBootTest(classes = SubsidyTestConfiguration.class)
class StatementServiceTest {

    private static final RegionCode HAILAR = RegionCode.of("150702");

    @Autowired
    BatchAssessmentService batch;
    @Autowired
    StatementService statements;
    @Autowired
    DataSource dataSource;

    @Test
    void hailarStatementsPerFunderAreHandComputedWithTheirCitations() {
        LocalDate registered = LocalDate.of(2024, 10, 8);
        LocalDate paid = LocalDate.of(2024, 11, 2);
        List<Population.Person> people = new ArrayList<>();
        // 海拉尔区 2025 (呼医保发〔2024〕13号 二（二）): 3 低保/监测 → fund 200 each; 2 重度残疾 → 残联 100 + fund 100;
        // 1 特困 → fund 400 in full; 1 with 低保 and 重度残疾 → 就高不就低, one scheme only; 4 ordinary.
        for (int i = 0; i < 2; i++) {
            people.add(new Population.Person("150702", "RESIDENT", LocalDate.of(1960, 1, 1), "户主", List.of(Identity.DIBAO), "PAID", paid, registered));
        }
        people.add(new Population.Person("150702", "RESIDENT", LocalDate.of(1961, 1, 1), "户主", List.of(Identity.MONITORED), "PAID", paid, registered));
        for (int i = 0; i < 2; i++) {
            people.add(new Population.Person("150702", "RESIDENT", LocalDate.of(1962, 1, 1), "户主", List.of(Identity.SEVERE_DISABILITY), "PAID", paid, registered));
        }
        people.add(new Population.Person("150702", "RESIDENT", LocalDate.of(1940, 1, 1), "户主", List.of(Identity.TEKUN), "REGISTERED", null, registered));
        people.add(new Population.Person("150702", "RESIDENT", LocalDate.of(1963, 1, 1), "户主", List.of(Identity.DIBAO, Identity.SEVERE_DISABILITY), "PAID", paid, registered));
        for (int i = 0; i < 4; i++) {
            people.add(new Population.Person("150702", "RESIDENT", LocalDate.of(1980, 1, 1), "户主", List.of(), "PAID", paid, registered));
        }
        // Other tests assess 海拉尔区 too: compare with the statement before these people.
        FunderStatements before = statements.statements(HAILAR, 2025);
        Population.write(dataSource, "statement-", 2025, people);
        batch.run(new Actor("hailar-staff", HAILAR, "127.0.0.1"), HAILAR, 2025);

        FunderStatements result = statements.statements(HAILAR, 2025);
        FunderStatement fund = StatementDelta.of(before.statement(Funder.MEDICAL_ASSISTANCE_FUND), result.statement(Funder.MEDICAL_ASSISTANCE_FUND));
        FunderStatement federation = StatementDelta.of(before.statement(Funder.DISABLED_PERSONS_FEDERATION),
                result.statement(Funder.DISABLED_PERSONS_FEDERATION));
        // 低保+重残 both give 200 in subsidies; the scheme of lower priority number (low-income, 200 from the fund) applies.
        assertThat(fund.total()).isEqualTo(new Subtotal(7, Money.parse("1400.00")));
        assertThat(federation.total()).isEqualTo(new Subtotal(2, Money.parse("200.00")));
        assertThat(fund.byRule().get("low-income").subtotal()).isEqualTo(new Subtotal(4, Money.parse("800.00")));
        assertThat(fund.byRule().get("low-income").citation()).isEqualTo("呼医保发〔2024〕13号 二（二）二是");
        assertThat(fund.byRule().get("tekun-orphan-unsupported-child").subtotal()).isEqualTo(new Subtotal(1, Money.parse("400.00")));
        assertThat(fund.byIdentity().get(Identity.DIBAO)).isEqualTo(new Subtotal(3, Money.parse("600.00")));
        assertThat(fund.byTownship()).containsOnlyKeys("150702");
        assertThat(result.statement(Funder.COUNTY_FINANCE).total()).isEqualTo(Subtotal.EMPTY);

        List<SubsidyLine> lines = new ArrayList<>();
        statements.lines(HAILAR, 2025, Funder.DISABLED_PERSONS_FEDERATION, lines::add);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> {
            assertThat(line.amount()).isEqualTo(Money.parse("100.00"));
            assertThat(line.citation()).isEqualTo("呼医保发〔2024〕13号 二（二）三是");
            assertThat(line.personLabel()).startsWith("测试").contains("*");
        });
    }
}
