package cn.canbao.subsidy.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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

/**
 * Funder statements of the seed regions, hand-computed to the fen. Other tests share the database, so every check
 * compares the statement after this test's people are assessed with the statement before: the difference must be
 * exactly the hand computation.
 */
@SpringBootTest(classes = SubsidyTestConfiguration.class)
class SeedRegionStatementsTest {

    private static final RegionCode HULUNBUIR = RegionCode.of("150700");
    private static final LocalDate REGISTERED = LocalDate.of(2024, 10, 8);
    private static final LocalDate PAID = LocalDate.of(2024, 11, 2);

    @Autowired
    BatchAssessmentService batch;
    @Autowired
    StatementService statements;
    @Autowired
    DataSource dataSource;

    /** {@code count} paid adults of one region with the given identities. */
    private static List<Population.Person> people(String region, int count, Identity... identities) {
        return Collections.nCopies(count, new Population.Person(region, "RESIDENT", LocalDate.of(1970, 6, 1), "户主",
                List.of(identities), "PAID", PAID, REGISTERED));
    }

    private static List<Population.Person> county(String code, int tekun, int orphan, int dibao, int monitored, int disabled,
                                                   int dibaoAndDisabled, int tekunAndDisabled) {
        List<Population.Person> people = new ArrayList<>();
        people.addAll(people(code, tekun, Identity.TEKUN));
        people.addAll(people(code, orphan, Identity.ORPHAN));
        people.addAll(people(code, dibao, Identity.DIBAO));
        people.addAll(people(code, monitored, Identity.MONITORED));
        people.addAll(people(code, disabled, Identity.SEVERE_DISABILITY));
        people.addAll(people(code, dibaoAndDisabled, Identity.DIBAO, Identity.SEVERE_DISABILITY));
        people.addAll(people(code, tekunAndDisabled, Identity.TEKUN, Identity.SEVERE_DISABILITY));
        people.addAll(people(code, 100_000 - people.size()));
        return people;
    }

    @Test
    void hailarYakeshiAndArongAt100000InsuredEachAndTheCityOverAllThree() {
        // 呼伦贝尔市 2025, 呼医保发〔2024〕13号 二（一）: everyone pays 400; 二（二） 就高不就低, one scheme per person:
        //   一是 特困、孤儿、事实无人抚养儿童: 医疗救助基金 全额 400 (person 0)
        //   二是 低保、低收入、返贫致贫、监测: person 200, 医疗救助基金 200
        //   三是 重度残疾人: person 200, 残联 100, 医疗救助基金 100
        //   低保+重残: both 200 in all; the lower priority number (二是, 低保) applies. 特困+重残: 400 beats 200 (一是).
        //
        // 海拉尔区 100,000: 特困 800, 孤儿 100, 低保 2,500, 监测 400, 重残 600, 低保+重残 200, 特困+重残 0
        //   fund  = (800 + 100) × 400 + (2,500 + 400 + 200) × 200 + 600 × 100
        //         = 360,000.00 + 620,000.00 + 60,000.00 = 1,040,000.00 for 4,600 people
        //   残联  = 600 × 100 = 60,000.00 for 600 people
        //   fund per identity: 特困 800 × 400 = 320,000.00; 孤儿 100 × 400 = 40,000.00;
        //                      低保 2,700 × 200 = 540,000.00; 监测 400 × 200 = 80,000.00; 重残 600 × 100 = 60,000.00
        // 牙克石市 100,000: 特困 500, 孤儿 0, 低保 3,000, 监测 1,000, 重残 900, 低保+重残 0, 特困+重残 100
        //   fund  = 600 × 400 + 4,000 × 200 + 900 × 100 = 240,000.00 + 800,000.00 + 90,000.00 = 1,130,000.00 (5,500 people)
        //   残联  = 900 × 100 = 90,000.00 (900 people)
        // 阿荣旗 100,000: 特困 1,200, 孤儿 50, 低保 4,000, 监测 700, 重残 1,000, 低保+重残 300, 特困+重残 0
        //   fund  = 1,250 × 400 + 5,000 × 200 + 1,000 × 100 = 500,000.00 + 1,000,000.00 + 100,000.00 = 1,600,000.00 (7,250)
        //   残联  = 1,000 × 100 = 100,000.00 (1,000 people)
        // 呼伦贝尔市 (a city user sees all its counties): fund 3,770,000.00 for 17,350; 残联 250,000.00 for 2,500.
        FunderStatements cityBefore = statements.statements(HULUNBUIR, 2025);
        Map<String, FunderStatements> before = Map.of("150702", statements.statements(RegionCode.of("150702"), 2025),
                "150782", statements.statements(RegionCode.of("150782"), 2025),
                "150721", statements.statements(RegionCode.of("150721"), 2025));

        Population.write(dataSource, "seed-hailar-", 2025, county("150702", 800, 100, 2_500, 400, 600, 200, 0));
        Population.write(dataSource, "seed-yakeshi-", 2025, county("150782", 500, 0, 3_000, 1_000, 900, 0, 100));
        Population.write(dataSource, "seed-arong-", 2025, county("150721", 1_200, 50, 4_000, 700, 1_000, 300, 0));
        for (String code : List.of("150702", "150782", "150721")) {
            batch.run(new Actor("seed-test", RegionCode.of(code), "127.0.0.1"), RegionCode.of(code), 2025);
        }

        FunderStatement hailarFund = added(before.get("150702"), "150702", Funder.MEDICAL_ASSISTANCE_FUND);
        assertThat(hailarFund.total()).isEqualTo(new Subtotal(4_600, Money.parse("1040000.00")));
        assertThat(hailarFund.byIdentity()).containsEntry(Identity.TEKUN, new Subtotal(800, Money.parse("320000.00")))
                .containsEntry(Identity.ORPHAN, new Subtotal(100, Money.parse("40000.00")))
                .containsEntry(Identity.DIBAO, new Subtotal(2_700, Money.parse("540000.00")))
                .containsEntry(Identity.MONITORED, new Subtotal(400, Money.parse("80000.00")))
                .containsEntry(Identity.SEVERE_DISABILITY, new Subtotal(600, Money.parse("60000.00")));
        assertThat(hailarFund.byRule().get("tekun-orphan-unsupported-child").subtotal()).isEqualTo(new Subtotal(900, Money.parse("360000.00")));
        assertThat(hailarFund.byRule().get("low-income").subtotal()).isEqualTo(new Subtotal(3_100, Money.parse("620000.00")));
        assertThat(hailarFund.byRule().get("low-income").citation()).isEqualTo("呼医保发〔2024〕13号 二（二）二是");
        assertThat(hailarFund.byTownship()).containsEntry("150702", new Subtotal(4_600, Money.parse("1040000.00")));
        assertThat(added(before.get("150702"), "150702", Funder.DISABLED_PERSONS_FEDERATION).total())
                .isEqualTo(new Subtotal(600, Money.parse("60000.00")));

        assertThat(added(before.get("150782"), "150782", Funder.MEDICAL_ASSISTANCE_FUND).total())
                .isEqualTo(new Subtotal(5_500, Money.parse("1130000.00")));
        assertThat(added(before.get("150782"), "150782", Funder.DISABLED_PERSONS_FEDERATION).total())
                .isEqualTo(new Subtotal(900, Money.parse("90000.00")));
        assertThat(added(before.get("150782"), "150782", Funder.MEDICAL_ASSISTANCE_FUND).byIdentity())
                .containsEntry(Identity.TEKUN, new Subtotal(600, Money.parse("240000.00")));

        assertThat(added(before.get("150721"), "150721", Funder.MEDICAL_ASSISTANCE_FUND).total())
                .isEqualTo(new Subtotal(7_250, Money.parse("1600000.00")));
        assertThat(added(before.get("150721"), "150721", Funder.DISABLED_PERSONS_FEDERATION).total())
                .isEqualTo(new Subtotal(1_000, Money.parse("100000.00")));
        assertThat(added(before.get("150721"), "150721", Funder.MEDICAL_ASSISTANCE_FUND).byIdentity())
                .containsEntry(Identity.DIBAO, new Subtotal(4_300, Money.parse("860000.00")));

        FunderStatements cityAfter = statements.statements(HULUNBUIR, 2025);
        assertThat(difference(cityBefore.statement(Funder.MEDICAL_ASSISTANCE_FUND).total(),
                cityAfter.statement(Funder.MEDICAL_ASSISTANCE_FUND).total())).isEqualTo(new Subtotal(17_350, Money.parse("3770000.00")));
        assertThat(difference(cityBefore.statement(Funder.DISABLED_PERSONS_FEDERATION).total(),
                cityAfter.statement(Funder.DISABLED_PERSONS_FEDERATION).total())).isEqualTo(new Subtotal(2_500, Money.parse("250000.00")));
        assertThat(cityAfter.statement(Funder.MEDICAL_ASSISTANCE_FUND).byTownship()).containsKeys("150702", "150782", "150721");
        assertThat(cityAfter.statement(Funder.COUNTY_FINANCE).total()).isEqualTo(Subtotal.EMPTY);
    }

    @Test
    void huaiyuanPerFunderPerIdentityAndPerTownshipWithThePayThenRefundParts() {
        // 怀远县 2025, 方案 二（一） personal standard 400; 二（二） 医疗救助: 特困 400 in full, 低保 340, 监测 200 (DIRECT);
        // 二（三） 县财政 (先缴后补, pay 400 first, refunded by the township): 重点优抚 400 in full; 独女户 daughter under 18 and
        // parents 400 in full; 独男户 son under 18 and parents half, 200.
        //   榴城镇 340321100000: 特困 3, 低保 10, 监测 4, 优抚 2, ordinary 20
        //     fund = 3 × 400 + 10 × 340 + 4 × 200 = 1,200.00 + 3,400.00 + 800.00 = 5,400.00 (17 people)
        //     县财政 = 2 × 400 = 800.00 (2 people)
        //   包集镇 340321101000: 低保 5, 独女户 daughter (born 2015) 1 + her parents 2, 独男户 son (born 2012) 1 + parent 1
        //     fund = 5 × 340 = 1,700.00 (5)
        //     县财政 = 3 × 400 + 2 × 200 = 1,200.00 + 400.00 = 1,600.00 (5)
        //   county: fund 7,100.00 for 22; 县财政 2,400.00 for 7 (优抚 800.00, 独女户 1,200.00, 独男户 400.00)
        String liucheng = "340321100000";
        String baoji = "340321101000";
        RegionCode huaiyuan = RegionCode.of("340321");
        FunderStatements before = statements.statements(huaiyuan, 2025);
        FunderStatements baojiBefore = statements.statements(RegionCode.of(baoji), 2025);
        List<Population.Person> people = new ArrayList<>();
        people.addAll(people(liucheng, 3, Identity.TEKUN));
        people.addAll(people(liucheng, 10, Identity.DIBAO));
        people.addAll(people(liucheng, 4, Identity.MONITORED));
        people.addAll(people(liucheng, 2, Identity.ENTITLED_VETERAN));
        people.addAll(people(liucheng, 20));
        people.addAll(people(baoji, 5, Identity.DIBAO));
        people.add(new Population.Person(baoji, "RESIDENT", LocalDate.of(2015, 4, 1), "女儿", List.of(Identity.ONLY_DAUGHTER_FAMILY),
                "PAID", PAID, REGISTERED));
        people.add(new Population.Person(baoji, "RESIDENT", LocalDate.of(1985, 4, 1), "户主", List.of(Identity.ONLY_DAUGHTER_FAMILY),
                "PAID", PAID, REGISTERED));
        people.add(new Population.Person(baoji, "RESIDENT", LocalDate.of(1986, 4, 1), "配偶", List.of(Identity.ONLY_DAUGHTER_FAMILY),
                "PAID", PAID, REGISTERED));
        people.add(new Population.Person(baoji, "RESIDENT", LocalDate.of(2012, 4, 1), "儿子", List.of(Identity.ONLY_SON_FAMILY),
                "PAID", PAID, REGISTERED));
        people.add(new Population.Person(baoji, "RESIDENT", LocalDate.of(1982, 4, 1), "户主", List.of(Identity.ONLY_SON_FAMILY),
                "PAID", PAID, REGISTERED));
        Population.write(dataSource, "seed-huaiyuan-", 2025, people);
        batch.run(new Actor("seed-test", huaiyuan, "127.0.0.1"), huaiyuan, 2025);

        FunderStatements after = statements.statements(huaiyuan, 2025);
        FunderStatement fund = after.statement(Funder.MEDICAL_ASSISTANCE_FUND);
        FunderStatement county = after.statement(Funder.COUNTY_FINANCE);
        assertThat(difference(before.statement(Funder.MEDICAL_ASSISTANCE_FUND).total(), fund.total()))
                .isEqualTo(new Subtotal(22, Money.parse("7100.00")));
        assertThat(difference(before.statement(Funder.COUNTY_FINANCE).total(), county.total()))
                .isEqualTo(new Subtotal(7, Money.parse("2400.00")));
        assertThat(difference(before.statement(Funder.COUNTY_FINANCE).byIdentity().get(Identity.ONLY_DAUGHTER_FAMILY),
                county.byIdentity().get(Identity.ONLY_DAUGHTER_FAMILY))).isEqualTo(new Subtotal(3, Money.parse("1200.00")));
        assertThat(difference(before.statement(Funder.COUNTY_FINANCE).byIdentity().get(Identity.ONLY_SON_FAMILY),
                county.byIdentity().get(Identity.ONLY_SON_FAMILY))).isEqualTo(new Subtotal(2, Money.parse("400.00")));
        assertThat(difference(before.statement(Funder.COUNTY_FINANCE).byIdentity().get(Identity.ENTITLED_VETERAN),
                county.byIdentity().get(Identity.ENTITLED_VETERAN))).isEqualTo(new Subtotal(2, Money.parse("800.00")));
        assertThat(difference(before.statement(Funder.MEDICAL_ASSISTANCE_FUND).byTownship().get(liucheng), fund.byTownship().get(liucheng)))
                .isEqualTo(new Subtotal(17, Money.parse("5400.00")));
        assertThat(county.byRule().get("only-son-son").citation()).isEqualTo("怀远县2025年度居民医保参保缴费工作方案 二（三）");

        // A township user's statement is its own township only.
        FunderStatements baojiAfter = statements.statements(RegionCode.of(baoji), 2025);
        assertThat(difference(baojiBefore.statement(Funder.COUNTY_FINANCE).total(), baojiAfter.statement(Funder.COUNTY_FINANCE).total()))
                .isEqualTo(new Subtotal(5, Money.parse("1600.00")));
        assertThat(baojiAfter.statement(Funder.MEDICAL_ASSISTANCE_FUND).byTownship()).containsOnlyKeys(baoji);
    }

    /** This test's share of a county's statement: the statement now minus the one before. */
    private FunderStatement added(FunderStatements before, String county, Funder funder) {
        return StatementDelta.of(before.statement(funder), statements.statements(RegionCode.of(county), 2025).statement(funder));
    }

    private static Subtotal difference(Subtotal before, Subtotal after) {
        return StatementDelta.difference(before, after);
    }
}
