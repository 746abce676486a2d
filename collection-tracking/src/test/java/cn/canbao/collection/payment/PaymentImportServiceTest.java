package cn.canbao.collection.payment;

import static cn.canbao.collection.Fixtures.HUAIYUAN;
import static cn.canbao.collection.Fixtures.HUAIYUAN_TAX;
import static cn.canbao.collection.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.Fixtures;
import cn.canbao.collection.TestDatabase;
import cn.canbao.collection.reconciliation.BalanceLine;
import cn.canbao.collection.reconciliation.ControlTotal;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.SpreadsheetWriter;

@SpringBootTest(classes = CollectionTestConfiguration.class)
class PaymentImportServiceTest {

    private static final String HEADER = Fixtures.PAYMENT_FILE_HEADER;

    @Autowired
    PaymentImportService imports;
    @Autowired
    PaymentRepository payments;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        new TestDatabase(jdbc).clean();
    }

    private static String row(String txn, String idNumber, String amount, String channel, String kind, String reverses) {
        return String.join(",", txn, idNumber, "张三", amount, "2025", channel, "2024-10-08 09:30:00", HUAIYUAN_TAX, "340321", kind, reverses) + "\n";
    }

    private static final String GOOD_FILE = HEADER
            + row("T1", id(1), "400", "微信", "", "")
            + row("T2", id(2), "400.00", "支付宝", "缴费", "")
            + row("T3", id(3), "200", "皖事通", "", "")
            + row("R1", id(2), "400", "支付宝", "冲正", "T2");

    private PaymentImportReport importCsv(String content, List<ControlTotal> controls) {
        return imports.importFile(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "payments.csv", controls, HUAIYUAN, "tester");
    }

    @Test
    void goodRowsAreKeptAndEveryBadRowIsReportedWithLineFieldAndReason() {
        String file = HEADER + row("T1", id(1), "400", "微信", "", "")
                + row("T2", "34032119800101002", "400", "微信", "", "")
                + row("T3", id(3), "abc", "现金", "", "")
                + row("T4", id(4), "400", "微信", "", "");

        PaymentImportReport report = importCsv(file, List.of());

        assertThat(report.rowsRead()).isEqualTo(4);
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.errors()).extracting(RowError::line, RowError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "证件号码"), org.assertj.core.groups.Tuple.tuple(4L, "金额"),
                org.assertj.core.groups.Tuple.tuple(4L, "缴费渠道"));
        assertThat(payments.find("T4", 2025, "340321")).isPresent();
        assertThat(payments.errors(report.batchId().orElseThrow(), 10)).hasSize(3);
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        PaymentImportReport first = importCsv(GOOD_FILE, List.of());
        Integer batchesBefore = jdbc.queryForObject("SELECT count(*) FROM payment_import_batch", Integer.class);

        PaymentImportReport again = importCsv(GOOD_FILE, List.of());

        assertThat(first.inserted()).isEqualTo(4);
        assertThat(again.sameFileAsBatch()).isEqualTo(first.batchId());
        assertThat(again.inserted()).isZero();
        assertThat(payments.countRecords(2025)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_import_batch", Integer.class)).isEqualTo(batchesBefore);
    }

    @Test
    void theSameRowsInAnotherFileAreCountedAsAlreadyPresentAndOnlyNewRowsAreAdded() {
        importCsv(GOOD_FILE, List.of());

        PaymentImportReport second = importCsv(HEADER + row("T3", id(3), "200", "皖事通", "", "") + row("T1", id(1), "400", "微信", "", "")
                + row("T5", id(5), "400", "微信", "", ""), List.of());

        assertThat(second.inserted()).isEqualTo(1);
        assertThat(second.alreadyPresent()).isEqualTo(2);
        assertThat(payments.countRecords(2025)).isEqualTo(5);
    }

    @Test
    void aKnownTransactionIdWithDifferentContentIsRejectedAndTheOriginalKept() {
        importCsv(GOOD_FILE, List.of());

        PaymentImportReport report = importCsv(HEADER + row("T1", id(1), "380", "微信", "", ""), List.of());

        assertThat(report.inserted()).isZero();
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).contains("T1");
        });
        assertThat(payments.find("T1", 2025, "340321").orElseThrow().amount()).isEqualTo(Money.ofYuan(400));
    }

    @Test
    void rowsCollectedOutsideTheImportersRegionAreRejected() {
        String file = HEADER + String.join(",", "T9", id(9), "李四", "400", "2025", "蒙速办", "2024-10-08 09:30:00", "海拉尔区税务局", "150702", "", "") + "\n";

        PaymentImportReport report = importCsv(file, List.of());

        assertThat(report.inserted()).isZero();
        assertThat(report.errors()).singleElement().extracting(RowError::field).isEqualTo("征收地区代码");
    }

    @Test
    void recordsAreBalancedPerCollectingUnitAndChannelAgainstTheControlTotals() {
        PaymentImportReport report = importCsv(GOOD_FILE, List.of(
                new ControlTotal(HUAIYUAN_TAX, Channel.WECHAT, 1, Money.ofYuan(400), Optional.of(Money.ofYuan(400))),
                new ControlTotal(HUAIYUAN_TAX, Channel.ALIPAY, 2, Money.ZERO, Optional.of(Money.ofYuan(400))),
                new ControlTotal(HUAIYUAN_TAX, Channel.WANSHITONG, 1, Money.ofYuan(300), Optional.empty())));

        assertThat(report.balance()).extracting(BalanceLine::channel, BalanceLine::ledgersAgree, BalanceLine::fundsAgree).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Channel.WECHAT, true, Optional.of(true)),
                org.assertj.core.groups.Tuple.tuple(Channel.ALIPAY, true, Optional.of(false)),
                org.assertj.core.groups.Tuple.tuple(Channel.WANSHITONG, false, Optional.empty()));
        assertThat(report.balanced()).isFalse();
        assertThat(payments.balance(report.batchId().orElseThrow())).isEqualTo(report.balance());
    }

    @Test
    void anXlsxFileIsImportedLikeACsvFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SpreadsheetWriter writer = new SpreadsheetWriter("缴费", List.of(HEADER.trim().split(",")))) {
            writer.row(List.of("X1", id(11), "王五", "400", "2025", "学校代收", "2024-09-20 10:00:00", HUAIYUAN_TAX, "340321", "", ""));
            writer.row(List.of("X2", id(12), "赵六", "400", "2025", "BANK", "2024-09-21", HUAIYUAN_TAX, "340321", "", ""));
            writer.writeTo(out);
        }

        PaymentImportReport report = imports.importFile(new ByteArrayInputStream(out.toByteArray()), "payments.xlsx", List.of(), HUAIYUAN, "tester");

        assertThat(report.errors()).isEmpty();
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(payments.find("X2", 2025, "340321").orElseThrow().channel()).isEqualTo(Channel.BANK);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedAndChangesNothing() {
        PaymentImportReport report = importCsv("交易流水号,姓名\nT1,张三\n", List.of());

        assertThat(report.fileError()).hasValueSatisfying(e -> assertThat(e).contains("证件号码"));
        assertThat(report.batchId()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_import_batch", Integer.class)).isZero();
    }

    @Test
    void theLedgerIsAppendOnly() {
        importCsv(GOOD_FILE, List.of());

        assertThatThrownBy(() -> jdbc.update("UPDATE payment_record SET amount_fen = 1 WHERE transaction_id = 'T1'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM payment_record WHERE transaction_id = 'T1'"))
                .hasMessageContaining("append-only");
    }

    @Test
    void theImportersScopeAlsoAcceptsTheCountyTaxOfficeForATownshipWorker() {
        assertThat(PaymentImportService.withinScope(RegionCode.of("340321"), RegionCode.of("340321100000"))).isTrue();
        assertThat(PaymentImportService.withinScope(RegionCode.of("150702"), RegionCode.of("340321100000"))).isFalse();
    }
}
