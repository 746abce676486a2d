package cn.canbao.enrollment.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.RowOutcome;
import cn.canbao.tabular.TabularReader;
import cn.canbao.testing.CpuMeter;

/**
 * Imports a generated 1,000,000-row 民政 roster into the embedded PostgreSQL and compares it with a
 * raw PostgreSQL COPY of the same file into a table of the same columns, in the same run.
 * Run with {@code ./mvnw -B -pl enrollment-core -am -Pbenchmark test}. Target: import ≥ 0.5 × COPY.
 * Both are measured warm (a raw COPY and an import of a smaller roster run first, as on a running server).
 * Prints where the import's time went (hash, read + binary COPY, index build, attach, commit)
 * and the Java parse and validation alone.
 */
@Tag("benchmark")
@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class RosterImportBenchmark {

    private static final int ROWS = Integer.getInteger("canbao.benchmark.roster-rows", 1_000_000);
    private static final int WARMUP_ROWS = 200_000;
    private static final String[] IDENTITIES = {"低保对象", "特困人员", "孤儿", "低保边缘家庭成员", "事实无人抚养儿童"};

    @Autowired
    RosterImportService service;

    @Autowired
    RosterImportRepository imports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void importsAMillionRowRosterAtLeastHalfAsFastAsRawCopy() throws Exception {
        List<String> townships = jdbc.sql("SELECT code FROM region WHERE code LIKE '340321%' AND level = 'TOWNSHIP' ORDER BY code")
                .query(String.class).list();
        Path file = Path.of("target", "benchmark-roster-" + ROWS + ".csv");
        generate(file, townships, ROWS);
        Actor actor = Actor.system("benchmark", RegionCode.of("340321"));

        // Both sides are measured warm, as a running server would be (the batch and registration benchmarks warm up
        // too): a raw COPY and an import of a smaller roster for another coverage year compile the hot paths first.
        Path warmup = Path.of("target", "benchmark-roster-warmup-" + WARMUP_ROWS + ".csv");
        generate(warmup, townships, WARMUP_ROWS);
        createCopyReference();
        rawCopy(warmup);
        jdbc.sql("DROP TABLE roster_copy_reference").update();
        long warmupStart = System.nanoTime();
        RosterImport warmed = service.importNow(actor,
                new RosterImportRequest(RosterType.CIVIL_AFFAIRS, 2024, LocalDate.of(2024, 9, 10), warmup.getFileName().toString()), warmup);
        double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
        assertThat(warmed.rowsImported()).isEqualTo(WARMUP_ROWS);

        CpuMeter cpu = CpuMeter.of(dataSource);
        createCopyReference();
        CpuMeter.Reading copyCpu = cpu.read();
        long copyStart = System.nanoTime();
        long copied = rawCopy(file);
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        copyCpu = cpu.read().minus(copyCpu);
        jdbc.sql("DROP TABLE roster_copy_reference").update();

        // Second reference: the same rows, already converted, COPYed into a table shaped like the import's partition
        // (same columns, checks and person-key index): the storage cost of the statements themselves.
        jdbc.sql("DROP TABLE IF EXISTS person_identity_copy_reference").update();
        jdbc.sql("CREATE TABLE person_identity_copy_reference (LIKE person_identity INCLUDING ALL)").update();
        Path identityRows = Path.of("target", "benchmark-identity-" + ROWS + ".tsv");
        convert(file, identityRows);
        long shapedStart = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Reader identities = Files.newBufferedReader(identityRows, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY person_identity_copy_reference (coverage_year,"
                    + " county_code, person_key, name, region_code, identity, valid_from, source, source_date, recorded_by)"
                    + " FROM STDIN", identities);
        }
        double shapedSeconds = (System.nanoTime() - shapedStart) / 1e9;
        jdbc.sql("DROP TABLE person_identity_copy_reference").update();

        CpuMeter.Reading importCpu = cpu.read();
        long importStart = System.nanoTime();
        RosterImport done = service.importNow(actor,
                new RosterImportRequest(RosterType.CIVIL_AFFAIRS, 2025, LocalDate.of(2024, 9, 10), file.getFileName().toString()), file);
        double importSeconds = (System.nanoTime() - importStart) / 1e9;
        importCpu = cpu.read().minus(importCpu);
        ImportPhases phases = service.lastPhases();

        // The Java side alone, no database.
        long parseStart = System.nanoTime();
        long[] parsed = new long[2];
        RegionCode county = RegionCode.of("340321");
        try (TabularReader reader = TabularReader.open(file)) {
            reader.mapRows(new RosterRowMapper(RosterType.CIVIL_AFFAIRS, county, imports.regionsWithin(county), LocalDate.now(),
                    LocalDate.of(2024, 9, 10)), outcome -> parsed[outcome instanceof RowOutcome.Mapped ? 0 : 1]++);
        }
        double parseSeconds = (System.nanoTime() - parseStart) / 1e9;

        double copyRate = copied / copySeconds;
        double importRate = done.rowsImported() / importSeconds;
        double ratio = importRate / copyRate;
        double shapedRate = ROWS / shapedSeconds;
        String report = String.format(Locale.ROOT, """
                Roster import benchmark (%s)
                rows in file:             %,d
                raw COPY (same rows):     %,.0f rows/s  (%.1f s)  file as is into a table of its 4 text columns, no index
                raw COPY (target shape):  %,.0f rows/s  (%.1f s)  the same rows pre-converted (text COPY), into a copy of
                                                            person_identity with its checks and person-key index
                roster import:            %,.0f rows/s  (%.1f s; %,d statements imported, %,d rejected, no residents)
                  SHA-256 of the file:      %5.2f s
                  read + binary COPY:       %5.2f s  (parse/validate in Java while the server stores the streams into the
                                                      import's two chunk tables; %.2f s of it the parser waited on the server)
                  person-key index build:   %5.2f s
                  ATTACH PARTITION:         %5.2f s  (CHECK matches the bound: no validation scan)
                  error report + status:    %5.2f s
                  commit:                   %5.2f s
                parse + validate only:    %,.0f rows/s  (%.1f s; no database, %,d valid %,d rejected)
                import / raw COPY:        %.2f  (target >= 0.50)
                import / target-shape:    %.2f
                CPU, JVM + server:        raw COPY %s; import %s  (both processes, all threads; /proc, Linux)
                CPU raw COPY / import:    %s  (the ratio above in CPU time, less affected by the machine's load; the
                                            import's two processes overlap in wall time, their CPU adds up)
                JVM during the import:    GC %d ms, JIT compilation %d ms
                warm-up:                  raw COPY and import of %,d rows (2024) first; that import took %.1f s
                machine:                  %d cores, max heap %d MB, %s %s
                """, java.time.OffsetDateTime.now().withNano(0), ROWS, copyRate, copySeconds, shapedRate, shapedSeconds,
                importRate, importSeconds, done.rowsImported(), done.rowsRejected(),
                phases.hash() / 1e9, phases.readAndLoad() / 1e9, phases.copyWait() / 1e9, phases.index() / 1e9,
                phases.merge() / 1e9, phases.finish() / 1e9, phases.commit() / 1e9,
                ROWS / parseSeconds, parseSeconds, parsed[0], parsed[1], ratio,
                importRate / shapedRate, copyCpu, importCpu, String.format(Locale.ROOT, "%.2f", copyCpu.total() / importCpu.total()),
                importCpu.gcMillis(), importCpu.jitMillis(), WARMUP_ROWS, warmupSeconds,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        System.out.println(report);
        Path results = Path.of("target", "benchmark-results", "roster-import.txt");
        Files.createDirectories(results.getParent());
        Files.writeString(results, report, StandardCharsets.UTF_8);

        assertThat(done.status()).isEqualTo(RosterImport.Status.COMPLETED);
        assertThat(done.rowsImported()).isEqualTo(ROWS);
    }

    /** The raw COPY's table: the file's four columns as text, no index (created and dropped outside the timing). */
    private void createCopyReference() {
        jdbc.sql("DROP TABLE IF EXISTS roster_copy_reference").update();
        jdbc.sql("CREATE TABLE roster_copy_reference (name text, document_number text, region_code text, identity text)").update();
    }

    /** The reference: the file as is into {@link #createCopyReference}'s table. */
    private long rawCopy(Path file) throws Exception {
        try (Connection connection = dataSource.getConnection(); Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY roster_copy_reference FROM STDIN (FORMAT csv, HEADER true)", reader);
        }
    }

    /** The rows of the file as COPY text for person_identity, as a loader with no checks would write them. */
    private static void convert(Path csv, Path identities) throws IOException {
        try (var in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                BufferedWriter i = Files.newBufferedWriter(identities, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split(",");
                i.write("2025\t340321\tCN" + cells[1] + "\t" + cells[0] + "\t" + cells[2] + "\t" + identityCode(cells[3])
                        + "\t2024-09-10\tCIVIL_AFFAIRS\t2024-09-10\tbenchmark\n");
            }
        }
    }

    private static String identityCode(String chinese) {
        return switch (chinese) {
            case "低保对象" -> "DIBAO";
            case "特困人员" -> "TEKUN";
            case "孤儿" -> "ORPHAN";
            case "低保边缘家庭成员" -> "DIBAO_MARGINAL";
            default -> "UNSUPPORTED_CHILD";
        };
    }

    /** Deterministic: row i is always the same person. Distinct ID numbers: birth day × sequence. */
    private static void generate(Path file, List<String> townships, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        LocalDate base = LocalDate.of(1940, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("姓名,证件号码,所属乡镇村代码,身份类别\n");
            for (int i = 0; i < rows; i++) {
                String birth = base.plusDays(i % 20_000).format(DateTimeFormatter.BASIC_ISO_DATE);
                String first17 = "340321" + birth + String.format("%03d", i / 20_000);
                out.write("居民" + Integer.toString(i, 36).replaceAll("[0-9]", "甲"));
                out.write(',');
                out.write(first17);
                out.write(ResidentIdNumber.checkCharacter(first17));
                out.write(',');
                out.write(townships.get(i % townships.size()));
                out.write(',');
                out.write(IDENTITIES[i % IDENTITIES.length]);
                out.write('\n');
            }
        }
    }
}
