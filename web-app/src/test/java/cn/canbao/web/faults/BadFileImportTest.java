package cn.canbao.web.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.canbao.audit.Actor;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.collection.payment.RowError;
import cn.canbao.enrollment.roster.RosterImport;
import cn.canbao.enrollment.roster.RosterImportRequest;
import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.enrollment.roster.RosterType;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.RowRejection;

/**
 * Every file of the bad-input corpus ({@code src/test/resources/bad-files/}, described in its
 * README) goes through the roster import and the payment import. Each either is read correctly
 * (the encodings we accept) or gets a clear error naming the row, the field and the reason, and
 * writes exactly the rows it should: the good rows of a file with bad rows, nothing for a refused
 * file. Where the payment rules keep a row the corpus calls bad, the expectation says so and why
 * (docs/operations.md lists these as known gaps). Files too big to keep in the repository (a 10 MB cell) and xlsx files with formula cells are
 * generated here.
 */
@SpringBootTest
@ActiveProfiles("demo")
class BadFileImportTest {

    private static final RegionCode HUAIYUAN = RegionCode.of("340321");
    private static final Actor STAFF = new Actor("huaiyuan.staff", HUAIYUAN, "127.0.0.1");
    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    @Autowired
    RosterImportService rosters;
    @Autowired
    PaymentImportService payments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    /** What a file must lead to: a refusal (message parts) or these rows kept and these (line, field) rejected. */
    record Expected(List<String> refusal, int kept, List<Rejected> rejected, Map<String, String> storedNames) {
    }

    record Rejected(long line, String field) {
    }

    static Expected refused(String... messageParts) {
        return new Expected(List.of(messageParts), 0, List.of(), Map.of());
    }

    static Expected kept(int rows, Rejected... rejected) {
        return new Expected(List.of(), rows, List.of(rejected), Map.of());
    }

    static Expected keptNamed(Map<String, String> namesByIdOrTransaction) {
        return new Expected(List.of(), namesByIdOrTransaction.size(), List.of(), namesByIdOrTransaction);
    }

    static Rejected at(long line, String field) {
        return new Rejected(line, field);
    }

    static Stream<Arguments> rosterFiles() throws IOException {
        return Stream.of(
                Arguments.of("utf8-with-bom.csv", keptNamed(Map.of("34032119650101101X", "张明"))),
                Arguments.of("gbk.csv", keptNamed(Map.of("340321196501011028", "李华"))),
                Arguments.of("undecodable-bytes.csv", refused("第3行", "UTF-8")),
                Arguments.of("missing-column.csv", refused("缺少必填列“证件号码”")),
                Arguments.of("extra-columns.csv", kept(1)),
                Arguments.of("empty-lines.csv", kept(1, at(7, "证件号码"))),
                Arguments.of("formula-injection.csv", kept(1, at(2, "姓名"), at(3, "姓名"), at(4, "姓名"), at(5, "姓名"))),
                Arguments.of("invalid-dates.csv", kept(0, at(2, "有效期起"), at(3, "有效期止"), at(4, "有效期止"))),
                Arguments.of("invalid-check-digit.csv", kept(0, at(2, "证件号码"), at(3, "证件号码"))),
                Arguments.of("utf16.csv", refused("UTF-16")),
                Arguments.of("legacy-excel.xls", refused(".xls")),
                Arguments.of("empty.csv", refused("文件为空")),
                Arguments.of(generatedCsv("roster-ten-megabyte-cell.csv", "姓名,证件号码,所属乡镇村代码,身份类别\n",
                        "张" + "长".repeat(TEN_MEGABYTES / 3), ",340321196501011204,340321001000,低保对象\n"),
                        refused("第2行“姓名”列", "32767")),
                Arguments.of(generatedXlsx("roster-formula.xlsx", List.of("姓名", "证件号码", "所属乡镇村代码", "身份类别"),
                        List.of("HYPERLINK(\"http://evil.example/\",\"点我\")", "340321196501011212", "340321001000", "低保对象")),
                        kept(0, at(2, "姓名"))));
    }

    static Stream<Arguments> paymentFiles() throws IOException {
        return Stream.of(
                Arguments.of("utf8-with-bom.csv", keptNamed(Map.of("BF-BOM-1", "张明"))),
                Arguments.of("gbk.csv", keptNamed(Map.of("BF-GBK-1", "李华"))),
                Arguments.of("undecodable-bytes.csv", refused("第3行", "UTF-8")),
                Arguments.of("missing-column.csv", refused("缺少必填列“金额”")),
                Arguments.of("extra-columns.csv", kept(1)),
                Arguments.of("empty-lines.csv", kept(1, at(7, "金额"))),
                // A formula-like name or transaction id is refused as the roster refuses it; an amount is plain yuan only.
                Arguments.of("formula-injection.csv", kept(0, at(2, "姓名"), at(3, "金额"), at(4, "金额"), at(5, "金额"),
                        at(6, "交易流水号"))),
                Arguments.of("invalid-dates.csv", kept(0, at(2, "缴费时间"), at(3, "缴费时间"), at(4, "缴费时间"))),
                Arguments.of("invalid-check-digit.csv", kept(0, at(2, "证件号码"), at(3, "证件号码"))),
                // Negative, zero, exponent, three decimals and more than 10,000 yuan for one person are all refused.
                Arguments.of("negative-and-absurd-amounts.csv", kept(0, at(2, "金额"), at(3, "金额"), at(4, "金额"), at(5, "金额"),
                        at(6, "金额"), at(7, "金额"))),
                Arguments.of("utf16.csv", refused("UTF-16")),
                Arguments.of("legacy-excel.xls", refused(".xls")),
                Arguments.of("empty.csv", refused("文件为空")),
                Arguments.of(generatedCsv("payment-ten-megabyte-cell.csv",
                        "交易流水号,证件号码,姓名,金额,缴费年度,缴费渠道,缴费时间,征收单位,征收地区代码\nBF-BIG-1,340321196602020257,张",
                        "长".repeat(TEN_MEGABYTES / 3), ",400,2025,微信,2024-10-08 09:30:00,国家税务总局怀远县税务局,340321\n"),
                        refused("第2行“姓名”列", "32767")),
                Arguments.of(generatedXlsx("payment-formula.xlsx",
                        List.of("交易流水号", "证件号码", "姓名", "金额", "缴费年度", "缴费渠道", "缴费时间", "征收单位", "征收地区代码"),
                        List.of("BF-XLS-1", "340321196602020265", "HYPERLINK(\"http://evil.example/\",\"点我\")", "400", "2025", "微信",
                                "2024-10-08 09:30:00", "国家税务总局怀远县税务局", "340321")),
                        kept(0, at(2, "姓名"))));
    }

    @ParameterizedTest(name = "roster {0}")
    @MethodSource("rosterFiles")
    void aBadRosterFileGetsAClearErrorAndWritesOnlyItsGoodRows(Object file, Expected expected) throws IOException {
        Path path = file instanceof Path p ? p : corpus("roster/" + file);
        long residentsBefore = count("resident");
        long identitiesBefore = count("person_identity");
        LocalDate today = LocalDate.now(clock);

        RosterImport result = rosters.importNow(STAFF, new RosterImportRequest(RosterType.CIVIL_AFFAIRS, today.getYear(),
                today.minusDays(1), path.getFileName().toString()), path);

        List<RowRejection> rejections = rosters.rejections(STAFF, result.id(), 100);
        if (!expected.refusal().isEmpty()) {
            assertThat(result.status()).isEqualTo(RosterImport.Status.FAILED);
            assertThat(result.failure()).contains(expected.refusal());
        } else {
            assertThat(result.status()).as(result.failure()).isEqualTo(RosterImport.Status.COMPLETED);
            assertThat(result.rowsImported()).isEqualTo(expected.kept());
            assertThat(rejections).extracting(r -> new Rejected(r.line(), r.field())).containsExactlyElementsOf(expected.rejected());
            assertThat(rejections).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        }
        assertThat(count("resident") - residentsBefore).as("a roster creates no residents").isZero();
        assertThat(count("person_identity") - identitiesBefore).isEqualTo(expected.kept());
        expected.storedNames().forEach((idNumber, name) -> assertThat(jdbc.queryForObject(
                "SELECT name FROM person_identity WHERE person_key = 'CN' || ?", String.class, idNumber)).isEqualTo(name));
    }

    @ParameterizedTest(name = "payment {0}")
    @MethodSource("paymentFiles")
    void aBadPaymentFileGetsAClearErrorAndWritesOnlyItsGoodRows(Object file, Expected expected) throws IOException {
        Path path = file instanceof Path p ? p : corpus("payment/" + file);
        long recordsBefore = count("payment_record");
        long batchesBefore = count("payment_import_batch");

        PaymentImportReport report;
        try (InputStream in = Files.newInputStream(path)) {
            report = payments.importFile(in, path.getFileName().toString(), List.of(), HUAIYUAN, STAFF.username());
        }

        if (!expected.refusal().isEmpty()) {
            assertThat(report.fileError()).hasValueSatisfying(message -> assertThat(message).contains(expected.refusal()));
            assertThat(count("payment_import_batch")).isEqualTo(batchesBefore);
        } else {
            assertThat(report.fileError()).isEmpty();
            assertThat(report.inserted()).isEqualTo(expected.kept());
            assertThat(report.errors()).extracting(e -> new Rejected(e.line(), e.field())).containsExactlyElementsOf(expected.rejected());
            assertThat(report.errors()).extracting(RowError::reason).allSatisfy(reason -> assertThat(reason).isNotBlank());
        }
        assertThat(count("payment_record") - recordsBefore).isEqualTo(expected.kept());
        expected.storedNames().forEach((transaction, name) -> assertThat(jdbc.queryForObject(
                "SELECT name FROM payment_record WHERE transaction_id = ?", String.class, transaction)).isEqualTo(name));
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static Path corpus(String name) {
        try {
            return Path.of(BadFileImportTest.class.getResource("/bad-files/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path generatedCsv(String name, String before, String cell, String after) throws IOException {
        Path file = Files.createTempFile(name.replace(".csv", ""), ".csv");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(before.getBytes(StandardCharsets.UTF_8));
            out.write(cell.getBytes(StandardCharsets.UTF_8));
            out.write(after.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** An xlsx whose first data cell is a formula (given without its "="); the other cells are text. */
    private static Path generatedXlsx(String name, List<String> headers, List<String> row) {
        Path file;
        try {
            file = Files.createTempFile(name.replace(".xlsx", ""), ".xlsx");
            file.toFile().deleteOnExit();
            try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
                var sheet = workbook.createSheet();
                var header = sheet.createRow(0);
                for (int i = 0; i < headers.size(); i++) {
                    header.createCell(i).setCellValue(headers.get(i));
                }
                var data = sheet.createRow(1);
                for (int i = 0; i < row.size(); i++) {
                    if (row.get(i).startsWith("HYPERLINK(")) {
                        data.createCell(i).setCellFormula(row.get(i));
                    } else {
                        data.createCell(i).setCellValue(row.get(i));
                    }
                }
                workbook.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
