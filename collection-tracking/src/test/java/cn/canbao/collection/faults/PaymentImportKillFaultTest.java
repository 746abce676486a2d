package cn.canbao.collection.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.payment.IdNumbers;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.db.EmbeddedPostgresServer;
import cn.canbao.region.RegionCode;
import cn.canbao.testing.ChildBackends;
import cn.canbao.testing.ChildJvm;

/**
 * A payment import killed with SIGKILL in the middle leaves nothing behind (it is one transaction),
 * and running it again ends with exactly the ledger of one complete import.
 *
 * <p>The import runs in a child JVM against a PostgreSQL this test starts on its own data
 * directory. A lock this test holds on {@code payment_record} stops the import where it merges its
 * staged rows into the ledger, after it has written its batch row and staged the file: the child
 * is killed once its backend waits there, in the middle of its transaction.
 */
class PaymentImportKillFaultTest {

    static final RegionCode HUAIYUAN = RegionCode.of("340321");
    private static final int ROWS = 40_000;

    @TempDir
    Path dir;

    @Test
    void anImportKilledInTheMiddleOfItsTransactionLeavesNothingAndRunAgainEndsWithTheLedgerOfOneCompleteImport() throws Exception {
        Path file = paymentFile(dir.resolve("payments.csv"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0);
             ConfigurableApplicationContext context = PaymentImportChild.context(server.jdbcUrl())) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            DataSource dataSource = context.getBean(DataSource.class);
            // The import's merge INSERT into the ledger waits for this lock.
            try (var mergeBlocked = ChildBackends.lockInShareMode(dataSource, "payment_record");
                 ChildJvm child = ChildJvm.start(PaymentImportChild.class, dir.resolve("child.log"), server.jdbcUrl(),
                         file.toString())) {
                child.awaitWhileAlive(() -> ChildBackends.anyWaitingForALock(dataSource), 240, "the import waiting to merge");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE application_name = ? "
                        + "AND backend_xid IS NOT NULL", Long.class, ChildBackends.APPLICATION_NAME))
                        .as("the waiting import's transaction has written").isOne();
                child.kill();
            }
            ChildBackends.awaitGone(dataSource);
            assertThat(ledger(jdbc)).as("ledger after the kill").containsExactly(0L, 0L, 0L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_import_batch", Long.class)).isZero();

            PaymentImportReport again = importFile(context, file);

            assertThat(again.fileError()).isEmpty();
            assertThat(again.inserted()).isEqualTo(ROWS);
            assertThat(ledger(jdbc)).containsExactly((long) ROWS, (long) ROWS, ROWS * 40_000L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_import_batch", Long.class)).isOne();
        }
    }

    private static PaymentImportReport importFile(ConfigurableApplicationContext context, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return context.getBean(PaymentImportService.class).importFile(in, "税务缴费明细.csv", List.of(), HUAIYUAN, "huaiyuan.staff");
        }
    }

    /** Records, distinct transactions and the total in fen. */
    static List<Long> ledger(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*), count(DISTINCT transaction_id), coalesce(sum(amount_fen), 0) FROM payment_record",
                (rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    private static Path paymentFile(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码\n");
            for (int i = 0; i < ROWS; i++) {
                String first17 = "340321" + LocalDate.of(1950, 1, 1).plusDays(i / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
                        + String.format("%03d", i % 1000);
                out.write("KILL-" + i + "," + IdNumbers.withCheckCharacter(first17) + ",居民,"
                        + "400,2025,微信,2024-10-08 09:30:00,国家税务总局怀远县税务局,340321\n");
            }
        }
        return file;
    }
}
