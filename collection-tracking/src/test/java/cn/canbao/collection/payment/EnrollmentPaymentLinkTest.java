package cn.canbao.collection.payment;

import static cn.canbao.collection.Fixtures.HUAIYUAN;
import static cn.canbao.collection.Fixtures.HUAIYUAN_TAX;
import static cn.canbao.collection.Fixtures.RONGCHENG_VILLAGE;
import static cn.canbao.collection.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.Fixtures;
import cn.canbao.collection.TestDatabase;

/**
 * End to end through the database: a tax-bureau file moves the assessed enrollment to covered, the same
 * money again changes nothing, a reversal moves it back to assessed (issue 4 item 4, issue 6).
 */
@SpringBootTest(classes = CollectionTestConfiguration.class)
class EnrollmentPaymentLinkTest {

    private static final String HEADER = "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码,类型,原交易流水号\n";

    @Autowired
    PaymentImportService imports;
    @Autowired
    PaymentService single;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void anAssessedEnrollment() {
        TestDatabase db = new TestDatabase(jdbc);
        db.clean();
        db.village(RONGCHENG_VILLAGE, "示例村（演示）");
        db.enroll(2025, id(1), "居民1", RONGCHENG_VILLAGE, LocalDate.of(2024, 9, 10), 400L, null);
        db.enroll(2025, id(2), "居民2", RONGCHENG_VILLAGE, LocalDate.of(2024, 9, 10), 400L, null);
    }

    private static String row(String txn, int person, String amount, String kind, String reverses) {
        return row(txn, person, amount, kind, reverses, "2024-10-08 09:30:00");
    }

    private static String row(String txn, int person, String amount, String kind, String reverses, String paidAt) {
        return String.join(",", txn, id(person), "居民" + person, amount, "2025", "微信", paidAt, HUAIYUAN_TAX, "340321",
                kind, reverses) + "\n";
    }

    private PaymentImportReport importCsv(String content) {
        return imports.importFile(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "payments.csv", List.of(), HUAIYUAN,
                "tester");
    }

    private Map<String, Object> enrollmentOf(int person) {
        return jdbc.queryForMap("SELECT status, paid_fen, payment_reference, coverage_start, version FROM enrollment_with_assessment "
                + "WHERE person_key = ? AND coverage_year = 2025", "CN" + id(person));
    }

    private long audited(String action) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = ?", Long.class, action);
    }

    @Test
    void anImportedPaymentCoversTheAssessedEnrollmentAndAReplayChangesNothing() {
        long paidAuditsBefore = audited("ENROLLMENT_PAID");
        PaymentImportReport first = importCsv(HEADER + row("T1", 1, "400", "", ""));

        assertThat(first.enrollments()).isEqualTo(new EnrollmentPaymentLink.Summary(1, 0, 0));
        Map<String, Object> covered = enrollmentOf(1);
        assertThat(covered).containsEntry("status", "COVERED").containsEntry("paid_fen", 40000L).containsEntry("payment_reference", "T1");
        assertThat(covered.get("coverage_start")).isNotNull();
        assertThat(enrollmentOf(2)).containsEntry("status", "ASSESSED");

        PaymentImportReport sameBytes = importCsv(HEADER + row("T1", 1, "400", "", ""));
        PaymentImportReport sameRowElsewhere = importCsv(HEADER + row("T1", 1, "400", "", "") + row("X9", 99, "400", "", ""));

        assertThat(sameBytes.sameFileAsBatch()).isEqualTo(first.batchId());
        assertThat(sameBytes.enrollments()).isEqualTo(EnrollmentPaymentLink.Summary.NOTHING);
        assertThat(sameRowElsewhere.alreadyPresent()).isEqualTo(1);
        assertThat(sameRowElsewhere.enrollments()).isEqualTo(EnrollmentPaymentLink.Summary.NOTHING);
        assertThat(enrollmentOf(1)).isEqualTo(covered);
        assertThat(audited("ENROLLMENT_PAID")).isEqualTo(paidAuditsBefore + 1);
    }

    @Test
    void aReversalMovesTheEnrollmentBackToAssessedOnceAndALaterPaymentCoversItAgain() {
        importCsv(HEADER + row("T1", 1, "400", "", ""));
        long reversalAuditsBefore = audited("ENROLLMENT_PAYMENT_REVERSED");

        PaymentImportReport reversal = importCsv(HEADER + row("R1", 1, "400", "冲正", "T1"));
        Map<String, Object> back = enrollmentOf(1);
        PaymentImportReport replay = importCsv(HEADER + row("R1", 1, "400", "冲正", "T1") + row("X9", 99, "400", "", ""));

        assertThat(reversal.enrollments()).isEqualTo(new EnrollmentPaymentLink.Summary(0, 1, 0));
        assertThat(back).containsEntry("status", "ASSESSED").containsEntry("paid_fen", null).containsEntry("payment_reference", null)
                .containsEntry("coverage_start", null);
        assertThat(replay.enrollments()).isEqualTo(EnrollmentPaymentLink.Summary.NOTHING);
        assertThat(enrollmentOf(1)).isEqualTo(back);
        assertThat(audited("ENROLLMENT_PAYMENT_REVERSED")).isEqualTo(reversalAuditsBefore + 1);

        PaymentImportReport paidAgain = importCsv(HEADER + row("T2", 1, "400", "", ""));

        assertThat(paidAgain.enrollments()).isEqualTo(new EnrollmentPaymentLink.Summary(1, 0, 0));
        assertThat(enrollmentOf(1)).containsEntry("status", "COVERED").containsEntry("payment_reference", "T2");
    }

    @Test
    void anUnderpaymentLeavesTheEnrollmentAssessedUntilASecondPaymentReachesTheAssessedAmount() {
        importCsv(HEADER + row("T1", 2, "300", "", ""));
        assertThat(enrollmentOf(2)).containsEntry("status", "ASSESSED");

        importCsv(HEADER + row("T2", 2, "100", "", ""));

        assertThat(enrollmentOf(2)).containsEntry("status", "COVERED").containsEntry("payment_reference", "T2").containsEntry("paid_fen", 40000L);
    }

    @Test
    void aSinglePostedPaymentCoversTheEnrollmentAndPostingItAgainChangesNothing() {
        PaymentService.RecordResult first = single.record(Fixtures.payment("S1", 1, "400"), HUAIYUAN, "tester");
        Map<String, Object> covered = enrollmentOf(1);
        PaymentService.RecordResult again = single.record(Fixtures.payment("S1", 1, "400"), HUAIYUAN, "tester");

        assertThat(first.enrollment()).isEqualTo(new EnrollmentPaymentLink.Summary(1, 0, 0));
        assertThat(covered).containsEntry("status", "COVERED").containsEntry("payment_reference", "S1");
        assertThat(again.result()).isEqualTo(PaymentService.Result.ALREADY_PRESENT);
        assertThat(enrollmentOf(1)).isEqualTo(covered);
    }

    @Test
    void aSecondPaymentForAnEnrollmentAlreadyPaidLeavesItPaidByTheFirst() {
        importCsv(HEADER + row("T1", 1, "400", "", ""));

        PaymentImportReport twice = importCsv(HEADER + row("T9", 1, "400", "", ""));

        assertThat(twice.enrollments()).isEqualTo(EnrollmentPaymentLink.Summary.NOTHING);
        assertThat(enrollmentOf(1)).containsEntry("payment_reference", "T1");
    }

    @Test
    void anOverpaymentCoversTheEnrollmentAndListsWhatWasPaidBeyondTheAssessmentAsASettlement() {
        long listedBefore = audited("SETTLEMENT_LISTED");

        PaymentImportReport report = importCsv(HEADER + row("T1", 1, "500", "", ""));

        assertThat(report.enrollments()).isEqualTo(new EnrollmentPaymentLink.Summary(1, 0, 0));
        assertThat(enrollmentOf(1)).containsEntry("paid_fen", 50000L).containsEntry("payment_reference", "T1");
        assertThat(jdbc.queryForMap("SELECT r.kind, r.reason, r.amount_fen, r.status FROM refund_request r JOIN enrollment e "
                + "ON e.id = r.enrollment_id AND e.coverage_year = r.coverage_year WHERE e.person_key = ?", "CN" + id(1)))
                .containsEntry("kind", "SETTLEMENT").containsEntry("reason", "OVERPAID").containsEntry("amount_fen", 10000L)
                .containsEntry("status", "REQUESTED");
        assertThat(audited("SETTLEMENT_LISTED")).isEqualTo(listedBefore + 1);
    }

    @Test
    void anEarlierPaymentArrivingAfterTheEnrollmentWasPaidByALaterOneIsCountedAsRefused() {
        importCsv(HEADER + row("T5", 1, "400", "", "", "2024-10-09 09:30:00"));

        PaymentImportReport earlier = importCsv(HEADER + row("T0", 1, "400", "", "", "2024-10-01 09:30:00"));

        assertThat(earlier.enrollments()).isEqualTo(new EnrollmentPaymentLink.Summary(0, 0, 1));
        assertThat(enrollmentOf(1)).containsEntry("payment_reference", "T5");
    }

    @Test
    void oneFileWithAReversalAndANewPaymentForThePaidPersonMovesTheEnrollmentToTheNewPayment() {
        importCsv(HEADER + row("T1", 1, "400", "", ""));
        long paidAuditsBefore = audited("ENROLLMENT_PAID");

        PaymentImportReport report = importCsv(HEADER + row("R1", 1, "400", "冲正", "T1") + row("T2", 1, "400", "", "", "2024-10-10 09:30:00")
                + row("T3", 2, "400", "", ""));

        assertThat(report.enrollments()).isEqualTo(new EnrollmentPaymentLink.Summary(2, 1, 0));
        assertThat(enrollmentOf(1)).containsEntry("status", "COVERED").containsEntry("payment_reference", "T2");
        assertThat(enrollmentOf(2)).containsEntry("status", "COVERED").containsEntry("payment_reference", "T3");
        assertThat(audited("ENROLLMENT_PAID")).isEqualTo(paidAuditsBefore + 2);
    }
}
