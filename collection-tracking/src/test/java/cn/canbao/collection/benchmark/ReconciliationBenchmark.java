package cn.canbao.collection.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.TestDatabase;
import cn.canbao.collection.payment.Channel;
import cn.canbao.collection.payment.PaymentKind;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.collection.payment.PaymentRepository;
import cn.canbao.collection.reconciliation.AssessedEnrollment;
import cn.canbao.collection.reconciliation.Reconciler;
import cn.canbao.collection.reconciliation.EnrollmentSource;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * Reconciliation of 1,000,000 payments against 1,000,000 enrollments (issue 6: under 20 s here),
 * next to a plain SQL join of the same rows as the reference.
 */
@Tag("benchmark")
@SpringBootTest(classes = CollectionTestConfiguration.class, properties = "logging.level.cn.canbao.collection=DEBUG")
class ReconciliationBenchmark {

    static final int PEOPLE = Integer.getInteger("benchmark.people", 1_000_000);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    EnrollmentSource enrollments;
    @Autowired
    PaymentRepository payments;
    @Autowired
    TransactionTemplate transaction;

    /** The pure domain alone: the same number of people matched from sorted in-memory lists. */
    private static void inMemory(BenchmarkReport report) {
        RegionCode village = RegionCode.of("340321100201");
        List<AssessedEnrollment> enrollments = new ArrayList<>(PEOPLE);
        List<TaxPaymentRecord> records = new ArrayList<>(PEOPLE);
        LocalDateTime paidAt = LocalDateTime.of(2024, 10, 8, 10, 0);
        for (int n = 0; n < PEOPLE; n++) {
            String id = SyntheticCollectionData.idNumber(n);
            enrollments.add(new AssessedEnrollment(id, "居民", 2025, village, Optional.of(Money.ofYuan(400)),
                    LocalDate.of(2024, 9, 10), false, false));
            records.add(new TaxPaymentRecord("P" + n, id, "居民", Money.ofYuan(n % 50 == 0 ? 380 : 400), 2025, Channel.WECHAT, paidAt,
                    "税务局", RegionCode.of("340321"), PaymentKind.PAYMENT, Optional.empty()));
        }
        enrollments.sort(Comparator.comparing(Reconciler::key, Reconciler.ORDER));
        records.sort(Comparator.comparing(Reconciler::key, Reconciler.ORDER));
        long start = System.nanoTime();
        long cpuStart = 0;
        long[] differences = new long[1];
        for (int round = 0; round < 2; round++) {
            start = System.nanoTime();
            cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            differences[0] = 0;
            Reconciler.reconcileSorted(enrollments.iterator(), records.iterator(), o -> differences[0] += o.differences().size());
        }
        double seconds = BenchmarkReport.seconds(start);
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        report.line("pure Reconciler, in memory (second round): %,d people, %,d differences in %.2f s wall, %.2f s CPU, %,.0f people per CPU second"
                .formatted(PEOPLE, differences[0], seconds, cpuSeconds, PEOPLE / cpuSeconds));
    }

    @Test
    void reconcilesAMillionPaymentsAgainstAMillionEnrollments() {
        BenchmarkReport report = new BenchmarkReport("collection-reconciliation");
        inMemory(report);
        new TestDatabase(jdbc).clean();
        SyntheticCollectionData data = new SyntheticCollectionData(dataSource, 42);
        LocalDate windowStart = LocalDate.of(2024, 9, 1);
        long start = System.nanoTime();
        List<RegionCode> villages = data.demoVillages(List.of(RegionCode.of("340321")), 22, 20);
        data.enrollments(2025, PEOPLE, villages, windowStart, 120);
        long records = data.payments(2025, PEOPLE, 5_000, "340321", windowStart, 120);
        jdbc.execute("ANALYZE");
        report.line("setup: %,d enrollments in %d villages, %,d payment records, loaded by COPY in %.1f s"
                .formatted(PEOPLE, villages.size(), records, BenchmarkReport.seconds(start)));

        start = System.nanoTime();
        Long sqlDifferences = jdbc.queryForObject("SELECT count(*) FROM collection_enrollment_v e FULL JOIN (SELECT id_number, "
                + "count(*) AS n, sum(amount_fen) AS paid FROM payment_record WHERE coverage_year = 2025 GROUP BY id_number) p "
                + "ON p.id_number = e.id_number AND e.coverage_year = 2025 "
                + "WHERE e.id_number IS NULL OR (p.id_number IS NOT NULL AND (e.assessed_fen IS NULL OR p.n > 1 OR p.paid <> e.assessed_fen))",
                Long.class);
        report.line("reference: plain SQL full join + GROUP BY counting people with differences: %,d in %.2f s"
                .formatted(sqlDifferences, BenchmarkReport.seconds(start)));

        start = System.nanoTime();
        long[] counts = transaction.execute(status -> {
            String snapshot = jdbc.queryForObject("SELECT pg_export_snapshot()", String.class);
            try (var e = enrollments.readSorted(snapshot, 2025); var p = payments.readSorted(snapshot, 2025)) {
                long[] n = new long[2];
                while (e.hasNext() || p.hasNext()) {
                    if (e.hasNext()) {
                        e.next();
                        n[0]++;
                    }
                    if (p.hasNext()) {
                        p.next();
                        n[1]++;
                    }
                }
                return n;
            }
        });
        report.line("reading both sorted streams alone (COPY, in parallel) (%,d enrollments, %,d records): %.2f s".formatted(counts[0], counts[1], BenchmarkReport.seconds(start)));

        start = System.nanoTime();
        ReconciliationService.RunResult first = reconciliation.run(2025, "benchmark");
        double firstSeconds = BenchmarkReport.seconds(start);
        report.line("reconciliation run 1 (all %,d people new: items, statuses, rollups): %.2f s, %,.0f people/s — target < 20 s"
                .formatted(first.summary().people(), firstSeconds, first.summary().people() / firstSeconds));
        report.line("  agreeing %,d, fully paid %,d, differences %s".formatted(first.summary().agreeing(), first.summary().fullyPaid(),
                first.summary().differences()));

        start = System.nanoTime();
        ReconciliationService.RunResult second = reconciliation.run(2025, "benchmark");
        double secondSeconds = BenchmarkReport.seconds(start);
        report.line("reconciliation run 2 (nothing changed, rollups untouched): %.2f s".formatted(secondSeconds));
        report.write();

        assertThat(first.summary().enrollments()).isEqualTo(PEOPLE);
        assertThat(second.summary().differences()).isEqualTo(first.summary().differences());
        Long cityPaid = jdbc.queryForObject("SELECT paid FROM progress_cumulative WHERE coverage_year = 2025 AND region_code = '340321' "
                + "ORDER BY day DESC LIMIT 1", Long.class);
        assertThat(cityPaid).isEqualTo(first.summary().fullyPaid());
    }
}
