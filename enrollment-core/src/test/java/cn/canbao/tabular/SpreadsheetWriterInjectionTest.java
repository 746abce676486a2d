package cn.canbao.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exported spreadsheets and error reports never carry a live formula: text that a spreadsheet
 * would run (=, +, -, @, tab, carriage return first) is written as a text cell with an apostrophe
 * in front, so Excel and WPS show it instead of running it.
 */
class SpreadsheetWriterInjectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example/\",\"点我\")", "=cmd|' /C calc'!A0", "+1+2", "-3+4", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"})
    void aFormulaLikeValueIsExportedAsInertText(String hostile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SpreadsheetWriter writer = new SpreadsheetWriter("导出", List.of("姓名", "备注"))) {
            writer.row(List.of(hostile, "张三"));
            writer.writeTo(out);
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Cell> cells = new ArrayList<>();
            for (Row row : workbook.getSheetAt(0)) {
                row.forEach(cells::add);
            }
            assertThat(cells).allSatisfy(cell -> assertThat(cell.getCellType()).isEqualTo(CellType.STRING));
            Cell exported = workbook.getSheetAt(0).getRow(1).getCell(0);
            assertThat(exported.getStringCellValue()).isEqualTo("'" + hostile);
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo("张三");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example/\",\"点我\")", "+1+2", "-3+4", "@SUM(A1:A9)"})
    void theRejectionReportQuotesAFormulaLikeFieldOrReason(String hostile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RejectionReportWriter report = new RejectionReportWriter(out)) {
            report.write(new RowRejection(7, hostile, "未知的身份类别“" + hostile + "”"));
        }

        String line = out.toString(StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow();
        List<String> cells = List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));
        assertThat(cells.get(0)).isEqualTo("7");
        assertThat(cells.subList(1, cells.size())).allSatisfy(cell -> assertThat(cell.replace("\"", "")).doesNotStartWith("=")
                .doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@"));
    }
}
