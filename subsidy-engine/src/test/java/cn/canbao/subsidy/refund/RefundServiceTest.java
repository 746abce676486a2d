package cn.canbao.subsidy.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.batch.BatchAssessmentService;
import cn.canbao.subsidy.support.Population;
import cn.canbao.subsidy.support.SubsidyTestConfiguration;

@SpringBootTest(classes = SubsidyTestConfiguration.class)
class RefundServiceTest {

    private static final RegionCode HUAIYUAN = RegionCode.of("340321");
    private static final String BAIJI = "340321101000";
    private static final Actor STAFF = new Actor("huaiyuan-staff", HUAIYUAN, "127.0.0.1");

    @Autowired
    BatchAssessmentService batch;
    @Autowired
    RefundService refunds;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void afterPaymentTheTownshipOwesEachPayThenRefundPersonTheirPartAndPaysItExactlyOnce() {
        LocalDate registered = LocalDate.of(2024, 10, 8);
        LocalDate paid = LocalDate.of(2024, 10, 20);
        // 包集镇: a veteran who paid (400 owed), an only-son parent who paid (half: 200 owed), a veteran who has not paid.
        Population.write(dataSource, "refund-", 2025, List.of(
                new Population.Person(BAIJI, "RESIDENT", LocalDate.of(1950, 1, 1), "户主", List.of(Identity.ENTITLED_VETERAN), "PAID", paid, registered),
                new Population.Person(BAIJI, "RESIDENT", LocalDate.of(1975, 1, 1), "户主", List.of(Identity.ONLY_SON_FAMILY), "PAID", paid, registered),
                new Population.Person(BAIJI, "RESIDENT", LocalDate.of(1952, 1, 1), "户主", List.of(Identity.ENTITLED_VETERAN), "REGISTERED", null, registered)));
        batch.run(STAFF, HUAIYUAN, 2025);

        LedgerChanges changes = refunds.reconcile(STAFF, HUAIYUAN, 2025);
        assertThat(changes.toOpen()).extracting(RefundClaim::amount).contains(Money.parse("400.00"), Money.parse("200.00"));
        assertThat(refunds.byTownship(RegionCode.of(BAIJI), 2025).get(BAIJI))
                .isEqualTo(new TownshipRefunds(BAIJI, 2, Money.parse("600.00"), 0, Money.ZERO));
        assertThat(refunds.reconcile(STAFF, HUAIYUAN, 2025).isEmpty()).isTrue();

        LedgerEntry veteran = refunds.entries(RegionCode.of(BAIJI), 2025).stream()
                .filter(e -> e.owed().equals(Money.parse("400.00"))).findFirst().orElseThrow();
        assertThat(veteran.key().funder()).isEqualTo(Funder.COUNTY_FINANCE);
        assertThat(veteran.citation()).isEqualTo("怀远县2025年度居民医保参保缴费工作方案 二（三）");
        Actor clerk = new Actor("baiji-worker", RegionCode.of(BAIJI), "127.0.0.1");
        LocalDate today = LocalDate.now();
        assertThat(refunds.markPaid(clerk, HUAIYUAN, veteran.id(), Money.parse("400.00"), today).accepted()).isTrue();
        PaymentDecision twice = refunds.markPaid(clerk, HUAIYUAN, veteran.id(), Money.parse("400.00"), today);
        assertThat(twice.rejection()).isEqualTo(PaymentDecision.Rejection.ALREADY_PAID);

        assertThat(refunds.byTownship(RegionCode.of(BAIJI), 2025).get(BAIJI))
                .isEqualTo(new TownshipRefunds(BAIJI, 1, Money.parse("200.00"), 1, Money.parse("400.00")));
        assertThatThrownBy(() -> jdbc.sql("UPDATE refund_ledger SET paid_on = paid_on - 1 WHERE id = :id").param("id", veteran.id()).update())
                .hasMessageContaining("never changed or paid again");
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO refund_ledger (coverage_year, county_code, township_code, enrollment_id, funder, reason, owed_fen, status,
                  rule_id, citation) VALUES (2025, '340321', :t, :e, 'COUNTY_FINANCE', 'PAY_THEN_REFUND_SUBSIDY', 40000, 'OWED', 'x', 'x')
                """).param("t", BAIJI).param("e", veteran.key().enrollmentId()).update()).hasMessageContaining("refund_ledger_once");
    }
}
