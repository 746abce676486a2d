package cn.canbao.collection;

import static cn.canbao.collection.Fixtures.HUAIYUAN;
import static cn.canbao.collection.Fixtures.RONGCHENG;
import static cn.canbao.collection.Fixtures.RONGCHENG_VILLAGE;
import static cn.canbao.collection.Fixtures.id;
import static cn.canbao.collection.Fixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.lapse.FollowUpOutcome;
import cn.canbao.collection.lapse.LapseService;
import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.collection.payment.PaymentService;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.collection.snapshot.SnapshotService;
import cn.canbao.region.RegionCode;

/**
 * V81: every writer of the collection tables distributed by county fills county_code, the first six digits of the
 * row's region (docs/collection.md, decision 30), at every region level.
 */
@SpringBootTest(classes = CollectionTestConfiguration.class)
class CountyCodeTest {

    private static final String HEADER = Fixtures.PAYMENT_FILE_HEADER;
    /** 蚌埠市, the city above 怀远县. */
    private static final RegionCode BENGBU = RegionCode.of("340300");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PaymentImportService imports;
    @Autowired
    PaymentService payments;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    ProgressService progress;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    LapseService lapses;

    @BeforeEach
    void clean() {
        TestDatabase db = new TestDatabase(jdbc);
        db.clean();
        db.village(RONGCHENG_VILLAGE, "示例村（演示）");
        db.enroll(2024, id(1), "居民1", RONGCHENG_VILLAGE, LocalDate.of(2023, 9, 10), 380L, null);
        db.enroll(2024, id(2), "居民2", RONGCHENG_VILLAGE, LocalDate.of(2023, 9, 10), 380L, null);
        db.enroll(2025, id(1), "居民1", RONGCHENG_VILLAGE, LocalDate.of(2024, 9, 10), 400L, null);
    }

    @Test
    void aPaymentCarriesTheCountyOfItsCollectingRegionWhetherImportedOrPosted() {
        String file = HEADER + row("F1", id(1), "340321") + row("F2", id(3), "340321100000") + row("F3", id(4), "340300");

        PaymentImportReport report = imports.importFile(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "p.csv", List.of(),
                HUAIYUAN, "tester");
        payments.record(payment("S1", 5, "400", RONGCHENG_VILLAGE, Channel.WECHAT), HUAIYUAN, "tester");

        assertThat(report.inserted()).isEqualTo(3);
        assertThat(rows("SELECT transaction_id || ' ' || county_code FROM payment_record ORDER BY 1"))
                .containsExactly("F1 340321", "F2 340321", "F3 340300", "S1 340321");
    }

    @Test
    void aRecordIsRecognisedByItsTransactionIdWithinItsCollectingCounty() {
        assertThat(payments.record(payment("S1", 5, "400", RONGCHENG, Channel.WECHAT), HUAIYUAN, "tester").result())
                .isEqualTo(PaymentService.Result.CREATED);

        assertThat(payments.record(payment("S1", 5, "400", RONGCHENG, Channel.WECHAT), HUAIYUAN, "tester").result())
                .isEqualTo(PaymentService.Result.ALREADY_PRESENT);
        assertThat(payments.record(payment("S1", 5, "300", HUAIYUAN, Channel.WECHAT), HUAIYUAN, "tester").result())
                .as("another record under the same key").isEqualTo(PaymentService.Result.CONFLICT);
        assertThat(payments.record(payment("S1", 5, "400", BENGBU, Channel.WECHAT), HUAIYUAN, "tester").result())
                .as("an id is the tax bureau's within one collecting region: the city's S1 is another transaction")
                .isEqualTo(PaymentService.Result.CREATED);
    }

    @Test
    void progressRowsOfEveryLevelCarryTheFirstSixDigitsOfTheirRegion() {
        payments.record(payment("S1", 1, "400", HUAIYUAN, Channel.WECHAT), HUAIYUAN, "tester");
        reconciliation.run(2025, "tester");
        progress.enterOfficialTarget(RONGCHENG, 2025, 3, "county");
        progress.refreshBase(2025);
        snapshots.takeDue(2025, LocalDate.of(2024, 10, 13));
        snapshots.takeDue(2025, LocalDate.of(2024, 10, 20));

        List<String> everyLevel = List.of("340000 340000", "340300 340300", "340321 340321", "340321100000 340321", "340321100201 340321");
        assertThat(rows("SELECT DISTINCT region_code || ' ' || county_code FROM progress_cumulative ORDER BY 1"))
                .containsExactlyElementsOf(everyLevel);
        assertThat(rows("SELECT region_code || ' ' || county_code FROM progress_base ORDER BY 1")).containsExactlyElementsOf(everyLevel);
        assertThat(rows("SELECT DISTINCT region_code || ' ' || county_code FROM progress_snapshot WHERE region_code IN "
                + "('340321100201', '340321100000', '340321', '150700', '150702') ORDER BY 1"))
                .as("怀远县's village, township and county on 10-13, 呼伦贝尔市 and its counties on 10-20")
                .containsExactly("150700 150700", "150702 150702", "340321 340321", "340321100000 340321", "340321100201 340321");
    }

    @Test
    void worklistItemsAndFollowUpsCarryTheCountyWhereTheyAreWorked() {
        payments.record(payment("S1", 1, "380", HUAIYUAN, Channel.WECHAT), HUAIYUAN, "tester");
        payments.record(payment("S2", 7, "400", RegionCode.of("150702"), Channel.WECHAT), RegionCode.of("150702"), "tester");
        reconciliation.run(2025, "tester");

        lapses.recordOutcome(HUAIYUAN, 2025, id(2), FollowUpOutcome.REFUSED, Optional.empty(), "worker");

        assertThat(rows("SELECT DISTINCT region_code || ' ' || county_code FROM reconciliation_item ORDER BY 1"))
                .containsExactly("150702 150702", "340321100201 340321");
        assertThat(rows("SELECT region_code || ' ' || county_code FROM lapse_followup")).containsExactly("340321100201 340321");
    }

    private static String row(String txn, String idNumber, String collectingRegion) {
        return String.join(",", txn, idNumber, "张三", "400", "2025", "微信", "2024-10-08 09:30:00", "税务局" + collectingRegion,
                collectingRegion, "", "") + "\n";
    }

    private List<String> rows(String sql) {
        return jdbc.queryForList(sql, String.class);
    }
}
