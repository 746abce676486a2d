package cn.canbao.collection.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.TestDatabase;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.region.RegionCode;

/**
 * A tax-bureau payment file of 1,000,000 rows imported against 1,000,000 assessed enrollments: the
 * ledger merge and the set-based payment-to-enrollment link in one transaction, next to a raw
 * {@code COPY} of the same file into a bare text table as the same-run reference.
 */
@Tag("benchmark")
@SpringBootTest(classes = CollectionTestConfiguration.class, properties = "logging.level.cn.canbao.collection.payment=DEBUG")
class PaymentImportBenchmark {

    static final int PEOPLE = Integer.getInteger("benchmark.people", 1_000_000);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PaymentImportService imports;

    @Test
    void importsAMillionRowPaymentFileAndMarksTheEnrollmentsPaid() throws Exception {
        BenchmarkReport report = new BenchmarkReport("collection-payment-import");
        new TestDatabase(jdbc).clean();
        SyntheticCollectionData data = new SyntheticCollectionData(dataSource, 7);
        LocalDate windowStart = LocalDate.of(2024, 9, 1);
        long start = System.nanoTime();
        List<RegionCode> villages = data.demoVillages(List.of(RegionCode.of("340321")), 22, 20);
        data.enrollments(2025, PEOPLE, villages, windowStart, 120);
        Path file = Files.createTempFile("canbao-payment-benchmark-", ".csv");
        try {
            long rows = data.paymentFile(file, 2025, PEOPLE, PEOPLE / 200, "340321", windowStart, 120);
            jdbc.execute("ANALYZE");
            report.line("setup: %,d assessed enrollments, payment file of %,d rows (%,d MB) in %.1f s".formatted(PEOPLE, rows,
                    Files.size(file) >> 20, BenchmarkReport.seconds(start)));

            jdbc.execute("CREATE TABLE raw_payment_file (transaction_id text, id_number text, name text, amount text, coverage_year text, "
                    + "channel text, paid_at text, collecting_unit text, collecting_region text, kind text, reverses text)");
            start = System.nanoTime();
            long copied;
            try (Connection connection = dataSource.getConnection(); Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                copied = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY raw_payment_file FROM STDIN (FORMAT csv, HEADER true)", in);
            }
            double copySeconds = BenchmarkReport.seconds(start);
            report.line("reference: raw COPY of the same file into a bare 11-column text table: %,d rows in %.2f s, %,.0f rows/s"
                    .formatted(copied, copySeconds, copied / copySeconds));
            jdbc.execute("DROP TABLE raw_payment_file");

            start = System.nanoTime();
            PaymentImportReport imported;
            try (InputStream in = Files.newInputStream(file)) {
                imported = imports.importFile(in, "payments.csv", List.of(), RegionCode.of("340321"), "benchmark");
            }
            double importSeconds = BenchmarkReport.seconds(start);
            report.line("payment import (parse, ledger merge, enrollment link, one transaction): %,d rows in %.2f s, %,.0f rows/s = %.2f × raw COPY"
                    .formatted(imported.rowsRead(), importSeconds, imported.rowsRead() / importSeconds,
                            (imported.rowsRead() / importSeconds) / (copied / copySeconds)));
            report.line("  %,d new records, %,d rejected; enrollments marked paid %,d, moved back %,d, refused %,d"
                    .formatted(imported.inserted(), imported.rejected(), imported.enrollments().paid(), imported.enrollments().reversed(),
                            imported.enrollments().refused()));
            report.write();

            assertThat(imported.inserted()).isEqualTo(rows - imported.rejected());
            Long paidEnrollments = jdbc.queryForObject("SELECT count(*) FROM enrollment WHERE status IN ('PAID', 'COVERED')", Long.class);
            assertThat(paidEnrollments).isEqualTo(imported.enrollments().paid()).isGreaterThan(PEOPLE * 9L / 10);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
