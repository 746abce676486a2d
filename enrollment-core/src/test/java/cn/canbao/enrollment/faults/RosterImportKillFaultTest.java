package cn.canbao.enrollment.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.audit.Actor;
import cn.canbao.db.EmbeddedPostgresServer;
import cn.canbao.enrollment.person.ResidentIdNumber;
import cn.canbao.enrollment.roster.RosterImport;
import cn.canbao.enrollment.roster.RosterImportRequest;
import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.enrollment.roster.RosterType;
import cn.canbao.region.RegionCode;
import cn.canbao.testing.ChildBackends;
import cn.canbao.testing.ChildJvm;

/**
 * A roster import killed with SIGKILL before its commit leaves nothing visible, and submitted again
 * ends with exactly the rows of one complete import: every person's statement once, nothing lost,
 * and no residents (a roster creates none).
 *
 * <p>The import runs in a child JVM against a PostgreSQL this test starts on its own data directory
 * (the database must outlive the killed process). A lock this test holds on the year's partition
 * stops the import at its last step, the attach (a full load takes about a second, too little to
 * kill it mid-stream by timing): the child is killed once the status row shows lines read and the
 * child's backend waits for that lock. By then the second connection has committed its chunk, the
 * case the next run must clean up.
 */
class RosterImportKillFaultTest {

    static final Actor IMPORTER = new Actor("huaiyuan-staff", RegionCode.of("340321"), "127.0.0.1");
    static final RosterImportRequest REQUEST = new RosterImportRequest(RosterType.CIVIL_AFFAIRS, 2025, LocalDate.of(2024, 9, 10),
            "民政低保名单.csv");
    private static final int ROWS = 600_000;

    @TempDir
    Path dir;

    @Test
    void anImportKilledBeforeItsCommitAndRunAgainEndsWithTheRowsOfOneCompleteImport() throws Exception {
        Path file = rosterFile(dir.resolve("roster.csv"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pgdata"), 0);
             ConfigurableApplicationContext context = RosterImportChild.context(server.jdbcUrl())) {
            RosterImportService service = context.getBean(RosterImportService.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            DataSource dataSource = context.getBean(DataSource.class);

            // The year's partition exists from the migrations on; the import's ATTACH to it waits for this lock.
            try (var attachBlocked = ChildBackends.lockInShareMode(dataSource, "person_identity_2025");
                 ChildJvm child = ChildJvm.start(RosterImportChild.class, dir.resolve("child.log"), server.jdbcUrl(),
                         file.toString())) {
                child.awaitWhileAlive(() -> service.recent(IMPORTER, 1).stream().anyMatch(i -> i.rowsRead() > 0)
                        && ChildBackends.anyWaitingForALock(dataSource), 240, "roster lines read and the attach waiting");
                child.kill();
            }
            ChildBackends.awaitGone(dataSource);
            RosterImport killed = service.recent(IMPORTER, 1).get(0);
            assertThat(killed.status()).isEqualTo(RosterImport.Status.RUNNING);
            assertThat(killed.rowsRead()).isPositive().isLessThanOrEqualTo(ROWS);
            assertThat(killed.rowsImported()).isZero();
            assertThat(people(jdbc)).as("nothing of the killed run is visible").containsExactly(0L, 0L, 0L);
            assertThat(tablesOfImportsOutsidePersonIdentity(jdbc)).as("chunk 1, committed but never attached, is left behind")
                    .isOne();
            // A dead import is taken over once its heartbeat is stale (2 minutes); age it instead of waiting.
            jdbc.sql("UPDATE roster_import SET heartbeat_at = now() - interval '1 hour' WHERE id = :id").param("id", killed.id()).update();

            RosterImport again = service.importNow(IMPORTER, REQUEST, file);

            assertThat(again.id()).isEqualTo(killed.id());
            assertThat(again.status()).isEqualTo(RosterImport.Status.COMPLETED);
            assertThat(again.rowsRead()).isEqualTo(ROWS);
            assertThat(again.rowsImported()).isEqualTo(ROWS);
            assertThat(again.rowsRejected()).isZero();
            assertThat(people(jdbc)).containsExactly((long) ROWS, (long) ROWS, 0L);
            assertThat(jdbc.sql("SELECT count(*) FROM person_identity WHERE identity = 'DIBAO'").query(Long.class).single())
                    .isEqualTo(ROWS / 2);
            assertThat(tablesOfImportsOutsidePersonIdentity(jdbc)).as("the next run dropped it").isZero();
        }
    }

    /**
     * Tables of an import (its partition, its chunks) that are not attached. The second connection commits its chunk
     * before the import's transaction attaches it: a kill between the two leaves it, invisible, for the next run to drop.
     */
    private static long tablesOfImportsOutsidePersonIdentity(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM pg_class WHERE relname LIKE 'person\\_identity\\_%\\_import\\_%'"
                + " AND relkind IN ('r', 'p') AND NOT relispartition").query(Long.class).single();
    }

    /** Identity statements recorded, distinct people among them, and residents. */
    private static List<Long> people(JdbcClient jdbc) {
        return jdbc.sql("SELECT (SELECT count(*) FROM person_identity), (SELECT count(DISTINCT person_key) FROM person_identity), "
                + "(SELECT count(*) FROM resident)").query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /** Distinct valid people, half 低保 and half 特困, in two townships of 怀远县. */
    private static Path rosterFile(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("姓名,证件号码,所属乡镇村代码,身份类别\n");
            LocalDate firstBirth = LocalDate.of(1940, 1, 1);
            for (int i = 0; i < ROWS; i++) {
                String first17 = "340321" + firstBirth.plusDays(i / 500).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                        + String.format("%03d", i % 500 * 2);
                out.write("居民" + (char) ('甲' + i % 10) + "," + first17 + ResidentIdNumber.checkCharacter(first17) + ","
                        + (i % 2 == 0 ? "340321001000" : "340321002000") + "," + (i % 2 == 0 ? "低保对象" : "特困人员") + "\n");
            }
        }
        return file;
    }
}
