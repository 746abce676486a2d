package cn.canbao.enrollment.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.audit.Actor;
import cn.canbao.enrollment.enrollment.EnrollRequest;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.identity.IdentityService;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentForm;
import cn.canbao.enrollment.resident.ResidentRepository;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.enrollment.support.AnotherCounty;
import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.enrollment.support.TestPeople;
import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.RowRejection;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class RosterImportServiceTest {

    private static final LocalDate ISSUED = LocalDate.of(2024, 9, 10);

    @Autowired
    RosterImportService service;

    @Autowired
    ResidentRepository residents;

    @Autowired
    ResidentService residentService;

    @Autowired
    EnrollmentService enrollments;

    @Autowired
    IdentityService identities;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @TempDir
    Path dir;

    private Path csv(String name, String text, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, charset);
        return file;
    }

    private long identityRows(long importId) {
        return jdbc.sql("SELECT count(*) FROM person_identity WHERE roster_import_id = :id").param("id", importId)
                .query(Long.class).single();
    }

    private static RosterImportRequest civilAffairs(String fileName) {
        return new RosterImportRequest(RosterType.CIVIL_AFFAIRS, 2025, ISSUED, fileName);
    }

    @Test
    void badRowsAreReportedWithLineFieldAndReasonWhileGoodRowsAreCommitted() throws IOException {
        String good1 = TestPeople.idNumber();
        String good2 = TestPeople.idNumber();
        String badCheck = good1.substring(0, 17) + (good1.charAt(17) == '1' ? '2' : '1');
        Path file = csv("minzheng.csv", String.join("\n",
                "姓名,证件号码,所属乡镇村代码,身份类别,有效期起",
                "张一," + good1 + "," + TestPeople.YINFENG + ",低保对象,2024-09-01",
                "张二," + badCheck + "," + TestPeople.YINFENG + ",低保对象,",
                "",
                "张三," + good2 + "," + TestPeople.WANGHUAI + ",特困人员,",
                "张四," + TestPeople.idNumber() + "," + TestPeople.YINFENG + ",重度残疾人,",
                "张五," + TestPeople.idNumber() + ",150702001000,低保对象,",
                "张六," + TestPeople.idNumber() + "," + TestPeople.YINFENG + ",低保对象,2024-13-01") + "\n",
                Charset.forName("GBK"));

        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("民政低保.csv"), file);

        assertThat(done.status()).isEqualTo(RosterImport.Status.COMPLETED);
        assertThat(done.rowsRead()).isEqualTo(6);
        assertThat(done.rowsImported()).isEqualTo(2);
        assertThat(done.rowsRejected()).isEqualTo(4);
        assertThat(service.rejections(TestPeople.COUNTY_STAFF, done.id(), 100)).containsExactly(
                new RowRejection(3, "证件号码", "身份证号码校验位错误（应为" + good1.charAt(17) + "）"),
                new RowRejection(6, "身份类别", "重度残疾人不由民政局认定"),
                new RowRejection(7, "所属乡镇村代码", "地区150702001000不在导入人所属地区内"),
                new RowRejection(8, "有效期起", "日期格式应为yyyy-MM-dd"));
        assertThat(residents.findByPersonKey(new PersonKey("CN" + good1))).as("a roster creates no residents").isEmpty();
        assertThat(jdbc.sql("SELECT source || '|' || source_line || '|' || source_file || '|' || recorded_by || '|' || valid_from"
                + " || '|' || name || '|' || region_code || '|' || coverage_year FROM person_identity WHERE person_key = :key")
                .param("key", "CN" + good1).query(String.class).single())
                .isEqualTo("CIVIL_AFFAIRS|2|民政低保.csv|huaiyuan-staff|2024-09-01|张一|" + TestPeople.YINFENG + "|2025");
    }

    @Test
    void reimportingTheSameFileChangesNothing() throws IOException {
        Path file = csv("same.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n李一," + TestPeople.idNumber() + "," + TestPeople.YINFENG
                + ",孤儿\n李二," + TestPeople.idNumber() + "," + TestPeople.YINFENG + ",低保\n李三,x," + TestPeople.YINFENG + ",低保\n",
                StandardCharsets.UTF_8);
        RosterImport first = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("same.csv"), file);
        long residentCount = jdbc.sql("SELECT count(*) FROM resident").query(Long.class).single();

        RosterImport second = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("renamed-copy.csv"), file);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.rowsImported()).isEqualTo(2);
        assertThat(second.rowsRejected()).isEqualTo(1);
        assertThat(identityRows(first.id())).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM resident").query(Long.class).single()).isEqualTo(residentCount);
        assertThat(service.rejections(TestPeople.COUNTY_STAFF, first.id(), 10)).hasSize(1);
    }

    @Test
    void anImportThatFailsWhileMergingLeavesNothingAndRunsCompletelyWhenTheSameFileIsSubmittedAgain() throws IOException {
        Path file = sevenGoodLinesAndOneBad("dies.csv");
        RosterImport failed = importFailingAtItsErrorReport(file);

        assertThat(failed.status()).isEqualTo(RosterImport.Status.FAILED);
        assertThat(failed.failure()).contains("simulated crash");
        assertThat(failed.rowsImported()).isZero();
        assertThat(identityRows(failed.id())).isZero();
        assertThat(exists(RosterLoader.statementTable(failed))).as("the import's table is gone with the rollback").isFalse();
        assertThat(exists(RosterLoader.chunkTable(failed, 1))).as("the chunk the second connection committed is dropped").isFalse();
        assertThat(service.rejections(TestPeople.COUNTY_STAFF, failed.id(), 10)).as("no error report of the failed run").isEmpty();

        RosterImport rerun = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("dies.csv"), file);

        assertThat(rerun.id()).isEqualTo(failed.id());
        assertThat(rerun.status()).isEqualTo(RosterImport.Status.COMPLETED);
        assertThat(rerun.rowsRead()).isEqualTo(8);
        assertThat(rerun.rowsImported()).isEqualTo(7);
        assertThat(identityRows(rerun.id())).isEqualTo(7);
        assertThat(service.rejections(TestPeople.COUNTY_STAFF, rerun.id(), 10)).hasSize(1);
    }

    @Test
    void aChunkThatADeadRunLeftCommittedIsInvisibleAndTheNextRunReplacesIt() throws IOException {
        Path file = sevenGoodLinesAndOneBad("orphan.csv");
        RosterImport failed = importFailingAtItsErrorReport(file);
        // What a run killed between the second connection's commit and the attach leaves: its chunk, committed, not attached.
        String chunk = RosterLoader.chunkTable(failed, 1);
        jdbc.sql("CREATE TABLE " + chunk + " (LIKE person_identity INCLUDING DEFAULTS)").update();
        String key = "CN" + TestPeople.idNumber();
        jdbc.sql("INSERT INTO " + chunk + " (coverage_year, county_code, person_key, person_number, name, identity, valid_from,"
                + " source, roster_import_id, source_line, source_date, recorded_by) VALUES (2025, '340321', '" + key
                + "', person_number('" + key + "'), '残留', 'DIBAO', DATE '2024-09-10', 'CIVIL_AFFAIRS', " + failed.id()
                + ", 3, DATE '2024-09-10', 'x')").update();
        assertThat(identityRows(failed.id())).as("a chunk that is not attached is not part of person_identity").isZero();

        RosterImport rerun = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("orphan.csv"), file);

        assertThat(rerun.status()).isEqualTo(RosterImport.Status.COMPLETED);
        assertThat(identityRows(rerun.id())).isEqualTo(7);
        assertThat(jdbc.sql("SELECT count(*) FROM person_identity WHERE name = '残留'").query(Long.class).single()).isZero();
        assertThat(parentOf(chunk)).isEqualTo(RosterLoader.statementTable(rerun));
    }

    @Test
    void atStartTheChunksOfImportsThatDiedAreDroppedButNotThoseOfARunningImportOrAttachedOnes() throws IOException {
        RosterImport dead = importFailingAtItsErrorReport(sevenGoodLinesAndOneBad("dead.csv"));
        RosterImport running = importFailingAtItsErrorReport(sevenGoodLinesAndOneBad("running.csv"));
        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("done.csv"), sevenGoodLinesAndOneBad("done.csv"));
        for (RosterImport left : List.of(dead, running)) {
            jdbc.sql("CREATE TABLE " + RosterLoader.chunkTable(left, 1) + " (LIKE person_identity)").update();
        }
        // Another instance's run of this import, alive, may be about to attach its chunk.
        jdbc.sql("UPDATE roster_import SET status = 'RUNNING', heartbeat_at = now() WHERE id = :id").param("id", running.id()).update();

        service.run(null);

        assertThat(exists(RosterLoader.chunkTable(dead, 1))).as("the dead import's chunk").isFalse();
        assertThat(exists(RosterLoader.chunkTable(running, 1))).as("the running import's chunk").isTrue();
        assertThat(exists(RosterLoader.chunkTable(done, 1))).as("an attached chunk").isTrue();
        assertThat(identityRows(done.id())).isEqualTo(7);
    }

    private boolean exists(String table) {
        return jdbc.sql("SELECT to_regclass(:table) IS NOT NULL").param("table", table).query(Boolean.class).single();
    }

    /** The partitioned table the table is attached to. */
    private String parentOf(String table) {
        return jdbc.sql("SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = to_regclass(:table)")
                .param("table", table).query(String.class).single();
    }

    private Path sevenGoodLinesAndOneBad(String name) throws IOException {
        StringBuilder text = new StringBuilder("姓名,证件号码,所属乡镇村代码,身份类别\n");
        for (int i = 0; i < 7; i++) {
            text.append("吴").append((char) ('一' + i)).append(',').append(TestPeople.idNumber()).append(',')
                    .append(TestPeople.YINFENG).append(",低保\n");
        }
        text.append("吴八,x,").append(TestPeople.YINFENG).append(",低保\n");
        return csv(name, text.toString(), StandardCharsets.UTF_8);
    }

    /** The database refuses the error report of this file: the import fails after its statements were loaded, indexed and attached. */
    private RosterImport importFailingAtItsErrorReport(Path file) {
        String name = file.getFileName().toString();
        jdbc.sql("""
                CREATE FUNCTION refuse_error_report() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT file_name FROM roster_import WHERE id = NEW.roster_import_id) = '%s' THEN
                        RAISE EXCEPTION 'simulated crash';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(name)).update();
        jdbc.sql("CREATE TRIGGER refuse_error_report BEFORE INSERT ON roster_import_error FOR EACH ROW EXECUTE FUNCTION refuse_error_report()")
                .update();
        try {
            return service.importNow(TestPeople.COUNTY_STAFF, civilAffairs(name), file);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_error_report ON roster_import_error").update();
            jdbc.sql("DROP FUNCTION refuse_error_report()").update();
        }
    }

    @Test
    void anImportLeftWithCommittedLinesByTheEarlierBatchLoaderResumesAfterThemWithoutWritingThemTwice() throws IOException {
        StringBuilder text = new StringBuilder("姓名,证件号码,所属乡镇村代码,身份类别\n");
        for (int i = 0; i < 7; i++) {
            text.append("王").append((char) ('一' + i)).append(',').append(TestPeople.idNumber()).append(',')
                    .append(TestPeople.YINFENG).append(",低保\n");
        }
        Path file = csv("resume.csv", text.toString(), StandardCharsets.UTF_8);
        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("resume.csv"), file);
        // The state the batch-per-transaction loader (before the one-transaction load) left after a kill -9: lines up to 3 committed,
        // the row RUNNING and stale. (Identity rows are append-only; the test bypasses the trigger as replication would.)
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql("DELETE FROM person_identity WHERE roster_import_id = :id AND source_line > 3").param("id", done.id()).update();
            jdbc.sql("UPDATE roster_import SET status = 'RUNNING', heartbeat_at = now() - interval '1 hour',"
                    + " committed_through_line = 3, rows_read = 2, rows_imported = 2, finished_at = NULL WHERE id = :id")
                    .param("id", done.id()).update();
        });
        assertThat(identityRows(done.id())).isEqualTo(2);

        RosterImport resumed = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("resume.csv"), file);

        assertThat(resumed.status()).isEqualTo(RosterImport.Status.COMPLETED);
        assertThat(resumed.rowsImported()).isEqualTo(7);
        assertThat(identityRows(done.id())).as("lines already written are not written twice").isEqualTo(7);
    }

    @Test
    void aFileWithoutARequiredColumnFailsWithTheReasonAndImportsNothing() throws IOException {
        Path file = csv("nocol.csv", "姓名,所属乡镇村代码\n赵一," + TestPeople.YINFENG + "\n", StandardCharsets.UTF_8);

        RosterImport failed = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("nocol.csv"), file);

        assertThat(failed.status()).isEqualTo(RosterImport.Status.FAILED);
        assertThat(failed.failure()).contains("缺少必填列“证件号码”").contains("缺少必填列“身份类别”");
        assertThat(failed.rowsRead()).isZero();
    }

    @Test
    void anXlsxRosterFromTheTemplateImportsAndTheErrorReportListsItsBadRows() throws IOException {
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        service.writeTemplate(RosterType.DISABLED_PERSONS_FEDERATION, TestPeople.YINFENG, template);
        Path file = dir.resolve("canlian.xlsx");
        try (OutputStream out = Files.newOutputStream(file); XSSFWorkbook workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("残联");
            List<List<String>> rows = List.of(List.of("姓名", "证件类型", "证件号码", "所属乡镇村代码"),
                    List.of("钱一", "居民身份证", TestPeople.idNumber(), TestPeople.YINFENG),
                    List.of("FORMULA", "居民身份证", TestPeople.idNumber(), TestPeople.YINFENG));
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (rows.get(r).get(c).equals("FORMULA")) {
                        row.createCell(c).setCellFormula("HYPERLINK(\"http://x\",\"点我\")");
                    } else {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(out);
        }

        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF,
                new RosterImportRequest(RosterType.DISABLED_PERSONS_FEDERATION, 2025, ISSUED, "canlian.xlsx"), file);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        service.writeErrorReport(TestPeople.COUNTY_STAFF, done.id(), report);

        assertThat(template.size()).isGreaterThan(1000);
        assertThat(done.rowsImported()).isEqualTo(1);
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("行号,字段,原因").contains("3,姓名,姓名不能以=、+、-、@开头");
    }

    @Test
    void aStatementImportedBeforeThePersonRegistersAppliesOnceTheyDo() throws IOException {
        var person = TestPeople.adult("郑一", TestPeople.YINFENG);
        Path file = csv("before.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n郑一," + person.documentNumber() + ","
                + TestPeople.YINFENG + ",特困人员\n", StandardCharsets.UTF_8);
        service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("before.csv"), file);

        Resident resident = residentService.register(TestPeople.COUNTY_STAFF, person);
        var enrollment = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(resident.id(), 2025, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, enrollment.id(), 2025);

        assertThat(identities.history(TestPeople.COUNTY_STAFF, resident.id())).singleElement()
                .satisfies(statement -> assertThat(statement.sourceFile()).isEqualTo("before.csv"));
        assertThat(enrollments.get(TestPeople.COUNTY_STAFF, enrollment.id(), 2025).personalDue()).isEqualTo(Money.ZERO);
    }

    @Test
    void anImportsStatementsAreAnAttachedPartitionWhoseHistoryCannotBeChanged() throws IOException {
        Path file = csv("kept.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n冯一," + TestPeople.idNumber() + "," + TestPeople.YINFENG
                + ",孤儿\n", StandardCharsets.UTF_8);
        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("kept.csv"), file);
        String table = RosterLoader.statementTable(done);

        assertThat(parentOf(table)).isEqualTo("person_identity_2025");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE tablename = :table").param("table", table)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT string_agg(inhrelid::regclass::text, ',' ORDER BY inhrelid::regclass::text) FROM pg_inherits"
                + " WHERE inhparent = to_regclass(:table)").param("table", table).query(String.class).single())
                .as("its two chunks").isEqualTo(table + "_0," + table + "_1");
        for (String change : List.of("UPDATE person_identity SET note = 'x' WHERE roster_import_id = " + done.id(),
                "DELETE FROM person_identity WHERE roster_import_id = " + done.id(),
                "UPDATE " + table + " SET valid_to = valid_from",
                "DELETE FROM " + table)) {
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).rootCause().hasMessageContaining("append-only");
        }
        assertThat(identityRows(done.id())).isEqualTo(1);
    }

    @Test
    void aStatementReadsItsImportsSourceFileDateImporterAndTimeThoughTheyAreStoredOncePerImportNotPerLine() throws IOException {
        var person = TestPeople.adult("韩一", TestPeople.YINFENG);
        Path file = csv("shared.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n韩一," + person.documentNumber() + ","
                + TestPeople.YINFENG + ",低保对象\n韩二," + TestPeople.idNumber() + "," + TestPeople.YINFENG + ",孤儿\n",
                StandardCharsets.UTF_8);
        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("民政.csv"), file);
        Resident resident = residentService.register(TestPeople.COUNTY_STAFF, person);

        assertThat(identities.history(TestPeople.COUNTY_STAFF, resident.id())).singleElement().satisfies(statement -> {
            assertThat(statement.source()).isEqualTo("CIVIL_AFFAIRS");
            assertThat(statement.sourceFile()).isEqualTo("民政.csv");
            assertThat(statement.sourceDate()).isEqualTo(ISSUED);
            assertThat(statement.recordedBy()).isEqualTo("huaiyuan-staff");
            assertThat(statement.recordedAt()).isBetween(done.startedAt(), done.finishedAt());
            assertThat(statement.rosterImportId()).isEqualTo(done.id());
            assertThat(statement.sourceLine()).isEqualTo(2);
        });
        assertThat(jdbc.sql("SELECT count(DISTINCT recorded_at) FROM person_identity WHERE roster_import_id = :id")
                .param("id", done.id()).query(Long.class).single()).as("one transaction, one time").isEqualTo(1);
        assertThat(jdbc.sql("SELECT string_agg(DISTINCT county_code, ',') FROM person_identity WHERE roster_import_id = :id")
                .param("id", done.id()).query(String.class).single()).isEqualTo("340321");
        // The shared values live in the catalog as the defaults of columns added after the load, not in the rows, in
        // both chunks (line 2 is in chunk 0, line 3 in chunk 1); so does the county of a county importer's lines.
        for (int chunk = 0; chunk < 2; chunk++) {
            assertThat(sharedColumnsOf(RosterLoader.chunkTable(done, chunk)))
                    .isEqualTo("county_code,recorded_at,recorded_by,source,source_date,source_file");
        }
    }

    @Test
    // A lock wait between the import's two connections would hang, not fail: the timeout turns it into a failure.
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anImportForAYearWithoutAPartitionCreatesTheYearsPartitionAndLoadsIntoIt() throws IOException {
        assertThat(exists("person_identity_2023")).as("no other test imports for 2023").isFalse();
        Path file = csv("2023.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n蒋一," + TestPeople.idNumber() + "," + TestPeople.YINFENG
                + ",孤儿\n蒋二," + TestPeople.idNumber() + "," + TestPeople.YINFENG + ",低保对象\n", StandardCharsets.UTF_8);

        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF,
                new RosterImportRequest(RosterType.CIVIL_AFFAIRS, 2023, ISSUED, "2023.csv"), file);

        assertThat(done.status()).isEqualTo(RosterImport.Status.COMPLETED);
        assertThat(identityRows(done.id())).isEqualTo(2);
        assertThat(parentOf(RosterLoader.statementTable(done))).isEqualTo("person_identity_2023");
    }

    @Test
    void aCityImportersStatementsCarryTheCountyOfTheirOwnLine() throws IOException {
        Actor city = new Actor("bengbu-staff", RegionCode.of("340300"), "127.0.0.1");
        Path file = csv("city.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n卫一," + TestPeople.idNumber() + "," + TestPeople.YINFENG
                + ",孤儿\n卫二," + TestPeople.idNumber() + "," + TestPeople.WANGHUAI + ",低保对象\n", StandardCharsets.UTF_8);

        RosterImport done = service.importNow(city, civilAffairs("city.csv"), file);

        assertThat(done.rowsImported()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT string_agg(region_code || ':' || county_code, ',' ORDER BY source_line) FROM person_identity"
                + " WHERE roster_import_id = :id").param("id", done.id()).query(String.class).single())
                .isEqualTo(TestPeople.YINFENG + ":340321," + TestPeople.WANGHUAI + ":340321");
        assertThat(sharedColumnsOf(RosterLoader.chunkTable(done, 0))).as("the county is written per line")
                .isEqualTo("recorded_at,recorded_by,source,source_date,source_file");
    }

    /** The columns of a table whose value is stored once in the catalog (added after its rows, with a default). */
    private String sharedColumnsOf(String table) {
        return jdbc.sql("""
                SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_attribute
                WHERE attrelid = to_regclass(:table) AND atthasmissing AND NOT attisdropped""")
                .param("table", table).query(String.class).single();
    }

    @Test
    void aLookupByPersonKeyFindsANewImportsStatementThroughItsPartitionOfThePersonNumberIndex() throws IOException {
        String number = TestPeople.idNumber();
        Path file = csv("indexed.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n褚一," + number + "," + TestPeople.YINFENG
                + ",特困人员\n", StandardCharsets.UTF_8);
        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("indexed.csv"), file);
        String table = RosterLoader.statementTable(done);

        assertThat(jdbc.sql("""
                SELECT parent.relname FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid
                JOIN pg_class parent ON parent.oid = h.inhparent WHERE i.indrelid = to_regclass(:table)""")
                .param("table", table).query(String.class).single()).isEqualTo("person_identity_2025_person_number_idx");
        String plan = new TransactionTemplate(transactionManager).execute(status -> {
            // A handful of rows would be read by a scan; the question is whether the index can serve the lookup.
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("EXPLAIN SELECT * FROM person_identity WHERE person_number = :number"
                    + " AND person_key = :key AND coverage_year = 2025")
                    .param("number", new PersonKey("CN" + number).number()).param("key", "CN" + number).query(String.class).list());
        });
        assertThat(plan).contains("Index Scan").contains(table);
        assertThat(jdbc.sql("SELECT identity FROM person_identity WHERE person_key = :key").param("key", "CN" + number)
                .query(String.class).list()).containsExactly("TEKUN");
    }

    @Test
    void plainLinesTakenFromTheBytesAreStoredExactlyAsTheMapperStoresTheSameLinesQuoted() throws IOException {
        List<String> people = List.of(TestPeople.idNumber(), TestPeople.idNumber(), TestPeople.idNumber(), TestPeople.idNumber());
        StringBuilder plain = new StringBuilder("姓名,证件号码,所属乡镇村代码,身份类别\n");
        StringBuilder quoted = new StringBuilder("姓名,证件号码,所属乡镇村代码,身份类别\n");
        String[][] lines = {{"欧阳修文", TestPeople.YINFENG, "低保对象"}, {"居民甲a", TestPeople.WANGHUAI, "TEKUN"},
                {"孙" + "中".repeat(49), TestPeople.YINFENG, "孤儿"}, {"Mary", TestPeople.WANGHUAI, "低保边缘家庭成员"}};
        for (int i = 0; i < lines.length; i++) {
            plain.append(lines[i][0]).append(',').append(people.get(i)).append(',').append(lines[i][1]).append(',')
                    .append(lines[i][2]).append('\n');
            quoted.append('"').append(lines[i][0]).append("\",\"").append(people.get(i)).append("\",\"").append(lines[i][1])
                    .append("\",\"").append(lines[i][2]).append("\"\n");
        }
        RosterImport fromBytes = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("plain.csv"),
                csv("plain.csv", plain.toString(), StandardCharsets.UTF_8));
        long takenFromBytes = service.lastFromBytes();
        RosterImport mapped = service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("quoted.csv"),
                csv("quoted.csv", quoted.toString(), StandardCharsets.UTF_8));

        assertThat(fromBytes.rowsImported()).isEqualTo(4);
        assertThat(takenFromBytes).as("the plain lines").isEqualTo(4);
        assertThat(service.lastFromBytes()).as("quoted lines go through the mapper").isZero();
        assertThat(statements(fromBytes.id())).isEqualTo(statements(mapped.id())).hasSize(4);
    }

    /** An import's statements as stored, without what differs between two imports (their ids and file names). */
    private List<String> statements(long importId) {
        return jdbc.sql("""
                SELECT concat_ws('|', coverage_year, county_code, person_key, name, region_code, identity, valid_from, valid_to,
                    source, source_line, source_date, recorded_by, note, id)
                FROM person_identity WHERE roster_import_id = :id ORDER BY source_line""").param("id", importId)
                .query(String.class).list();
    }

    @Test
    void anEducationRosterRegistersStudentsForEnrollmentByTheirSchool() throws IOException {
        String student = TestPeople.idNumber(LocalDate.of(2012, 5, 6), true);
        Path file = csv("school.csv", "姓名,证件号码,所属乡镇村代码,学校,参保类别\n孙小明," + student + "," + TestPeople.WANGHUAI
                + ",怀远县第一中学,在校学生\n", StandardCharsets.UTF_8);

        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF,
                new RosterImportRequest(RosterType.EDUCATION, 2025, ISSUED, "school.csv"), file);

        assertThat(done.rowsImported()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT flow || '|' || school || '|' || status FROM enrollment WHERE person_key = :key")
                .param("key", "CN" + student).query(String.class).single()).isEqualTo("STUDENT_BY_SCHOOL|怀远县第一中学|REGISTERED");
    }

    @Test
    void aStudentRegisteredInAnotherCountyIsALineErrorAndNotEnrolledHere() throws IOException {
        AnotherCounty.ensure(jdbc);
        String student = TestPeople.idNumber(LocalDate.of(2011, 7, 8), false);
        residentService.register(AnotherCounty.CITY_STAFF, new ResidentForm("钱小红", DocumentType.RESIDENT_ID, student, null, null,
                null, null, null, AnotherCounty.TOWNSHIP, ParticipantCategory.STUDENT, null, "五河县第一中学", null));
        String classmate = TestPeople.idNumber(LocalDate.of(2011, 9, 1), true);
        Path file = csv("school-crossing.csv", "姓名,证件号码,所属乡镇村代码,学校,参保类别\n钱小红," + student + ","
                + TestPeople.WANGHUAI + ",怀远县第一中学,在校学生\n李小刚," + classmate + "," + TestPeople.WANGHUAI
                + ",怀远县第一中学,在校学生\n", StandardCharsets.UTF_8);

        RosterImport done = service.importNow(TestPeople.COUNTY_STAFF,
                new RosterImportRequest(RosterType.EDUCATION, 2025, ISSUED, "school-crossing.csv"), file);

        assertThat(done.rowsImported()).isEqualTo(1);
        assertThat(done.rowsRejected()).isEqualTo(1);
        assertThat(service.rejections(TestPeople.COUNTY_STAFF, done.id(), 10)).containsExactly(
                new RowRejection(2, "证件号码", "该学生已在其他县（区）（340322）登记，跨县（区）参保须办理转移接续"));
        assertThat(jdbc.sql("SELECT person_key FROM enrollment WHERE person_key IN (:keys)")
                .param("keys", List.of("CN" + student, "CN" + classmate)).query(String.class).list()).containsExactly("CN" + classmate);
    }

    @Test
    void anIdentityImportedForAnAssessedPersonReassessesThem() throws IOException {
        Resident resident = residentService.register(TestPeople.COUNTY_STAFF, TestPeople.adult("周一", TestPeople.YINFENG));
        var enrollment = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(resident.id(), 2025, null, null, null));
        enrollments.assess(TestPeople.COUNTY_STAFF, enrollment.id(), 2025);
        Path file = csv("tekun.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n周一," + resident.document().number() + ","
                + TestPeople.YINFENG + ",特困人员\n", StandardCharsets.UTF_8);

        service.importNow(TestPeople.COUNTY_STAFF, civilAffairs("tekun.csv"), file);

        assertThat(enrollments.get(TestPeople.COUNTY_STAFF, enrollment.id(), 2025).personalDue()).isEqualTo(Money.ZERO);
    }

    @Test
    void anIdentityStatedOnlyByAnotherCountysRosterDoesNotLowerTheDueHere() {
        Resident resident = residentService.register(TestPeople.COUNTY_STAFF, TestPeople.adult("周二", TestPeople.YINFENG));
        var enrollment = enrollments.enroll(TestPeople.COUNTY_STAFF, new EnrollRequest(resident.id(), 2025, null, null, null));
        jdbc.sql("""
                INSERT INTO person_identity (coverage_year, county_code, person_key, person_number, identity, valid_from, source,
                    source_date, recorded_by)
                VALUES (2025, '150702', :key, person_number(:key), 'TEKUN', DATE '2024-09-01', 'CIVIL_AFFAIRS', DATE '2024-09-01',
                    'hailar.staff')
                """).param("key", resident.personKey().value()).update();

        enrollments.assess(TestPeople.COUNTY_STAFF, enrollment.id(), 2025);

        assertThat(enrollments.get(TestPeople.COUNTY_STAFF, enrollment.id(), 2025).personalDue()).isGreaterThan(Money.ZERO);
    }
}
