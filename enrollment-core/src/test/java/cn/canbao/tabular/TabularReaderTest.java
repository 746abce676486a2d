package cn.canbao.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TabularReaderTest {

    /** Maps name and an integer age; rejects a missing or non-numeric age. */
    static final RowMapper<String> NAME_AND_AGE = new RowMapper<>() {
        @Override
        public List<Column> columns() {
            return List.of(Column.required("name", "姓名", "name"), Column.required("age", "年龄", "age"),
                    Column.optional("note", "备注", "note"));
        }

        @Override
        public RowOutcome<String> map(MappedRow row) {
            String age = row.text("age");
            if (age == null || !age.chars().allMatch(Character::isDigit)) {
                return row.reject("age", "年龄应为整数");
            }
            return RowOutcome.mapped(row.line(), row.text("name") + ":" + age);
        }
    };

    private static List<RowOutcome<String>> readAll(byte[] bytes) throws IOException {
        List<RowOutcome<String>> outcomes = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(bytes))) {
            reader.mapRows(NAME_AND_AGE, outcomes::add);
        }
        return outcomes;
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    @Test
    void utf8WithByteOrderMarkIsReadAndTheMarkIsNotPartOfTheHeader() throws IOException {
        byte[] body = bytes("姓名,年龄\n张三,30\n", StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertThat(readAll(withBom)).containsExactly(RowOutcome.mapped(2, "张三:30"));
    }

    @Test
    void gbkIsDetectedWhenTheBytesAreNotUtf8() throws IOException {
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(bytes("姓名,年龄\n李四,41\n", Charset.forName("GBK"))))) {
            assertThat(reader.charset()).isEqualTo(TabularReader.GBK);
            assertThat(reader.headers()).containsExactly("姓名", "年龄");
            assertThat(reader.next().cells()).containsExactly("李四", "41");
        }
    }

    @Test
    void utf8WithoutByteOrderMarkIsDetected() throws IOException {
        assertThat(readAll(bytes("name,age\n王五,7\n", StandardCharsets.UTF_8))).containsExactly(RowOutcome.mapped(2, "王五:7"));
    }

    @Test
    void badRowsAreRejectedWithLineAndFieldWhileGoodRowsAreKeptAndBlankLinesCount() throws IOException {
        List<RowOutcome<String>> outcomes = readAll(bytes("姓名,年龄\n张三,30\n\n李四,abc\n王五,5\n", StandardCharsets.UTF_8));

        assertThat(outcomes).containsExactly(
                RowOutcome.mapped(2, "张三:30"),
                RowOutcome.rejected(4, "年龄", "年龄应为整数"),
                RowOutcome.mapped(5, "王五:5"));
    }

    @Test
    void aQuotedCellSpanningLinesKeepsTheStartingLineNumber() throws IOException {
        List<RowOutcome<String>> outcomes = readAll(bytes("姓名,年龄,备注\n张三,30,\"第一行\n第二行\"\n李四,x,\n", StandardCharsets.UTF_8));

        assertThat(outcomes.get(1).line()).as("张三 spans lines 2-3, 李四 starts on line 4").isEqualTo(4);
    }

    @Test
    void csvCellsAreReadAsRfc4180WithCrLfAndCrLineEndsCountedAsOneLineEach() throws IOException {
        List<TabularRow> rows = new ArrayList<>();
        byte[] file = bytes("姓名,年龄,备注\r\n\"张,三\",30,\"他说\"\"好\"\"\r\n次行\"\r李四,41,\n王五,5,", StandardCharsets.UTF_8);
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(file))) {
            reader.forEachRemaining(rows::add);
        }

        assertThat(rows).containsExactly(
                new TabularRow(2, List.of("张,三", "30", "他说\"好\"\r\n次行")),
                new TabularRow(4, List.of("李四", "41", "")),
                new TabularRow(5, List.of("王五", "5", "")));
    }

    @Test
    void whitespaceAfterAClosingQuoteIsAllowedAsBeforeIncludingTheFullWidthSpace() throws IOException {
        assertThat(readAll(bytes("姓名,年龄\n\"张三\" \t,\"30\"\u3000\n", StandardCharsets.UTF_8)))
                .containsExactly(RowOutcome.mapped(2, "张三:30"));
        assertThat(readAll(bytes("姓名,年龄\n\"张三\"\u3000,30\n", TabularReader.GBK)))
                .containsExactly(RowOutcome.mapped(2, "张三:30"));
    }

    @Test
    void aCsvQuoteLeftOpenOrTextAfterAClosingQuoteRefusesTheFileNamingTheLine() {
        assertThatThrownBy(() -> readAll(bytes("姓名,年龄\n张三,30\n\"李四,40\n", StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TabularFileException.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> readAll(bytes("姓名,年龄\n张三,30\n\"李四\"x,40\n", StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TabularFileException.class, e -> assertThat(e.line()).isEqualTo(3));
        // Text after the closing quote of a line's last cell: the line it stands on, not the next one.
        assertThatThrownBy(() -> readAll(bytes("姓名,年龄\n张三,30\n李四,\"40\"x\r\n王五,50\n", StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TabularFileException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void anOverlongCellIsRejectedNotLoadedIntoTheValue() throws IOException {
        List<RowOutcome<String>> outcomes = readAll(bytes("姓名,年龄\n" + "张".repeat(300) + ",30\n", StandardCharsets.UTF_8));

        assertThat(outcomes).containsExactly(RowOutcome.rejected(2, "姓名", "内容超过200个字符"));
    }

    @Test
    void aMissingRequiredColumnRejectsTheFileBeforeAnyRow() {
        assertThatThrownBy(() -> readAll(bytes("姓名,备注\n张三,x\n", StandardCharsets.UTF_8)))
                .isInstanceOf(TabularFileException.class)
                .hasMessageContaining("缺少必填列“年龄”");
    }

    @Test
    void headersMatchIgnoringSpacesCaseAndBracketWidth() {
        HeaderMapping mapping = HeaderMapping.resolve(List.of(" Name ", "年龄", "其他"), NAME_AND_AGE.columns());

        assertThat(mapping.has("name")).isTrue();
        assertThat(mapping.ignoredHeaders()).containsExactly("其他");
    }

    @Test
    void anEmptyFileAndAnOldXlsFileAreRefused() {
        assertThatThrownBy(() -> readAll(new byte[0])).hasMessageContaining("文件为空");
        assertThatThrownBy(() -> readAll(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}))
                .hasMessageContaining(".xls");
    }

    @Test
    void anXlsxWrittenByTheTemplateWriterReadsBackWithRowNumbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpreadsheetWriter.writeTemplate(out, "模板", NAME_AND_AGE.columns(),
                List.of(List.of("张三", "30", ""), List.of("", "", ""), List.of("=HYPERLINK(\"http://x\")", "x", "")));

        List<RowOutcome<String>> outcomes = readAll(out.toByteArray());

        assertThat(outcomes).containsExactly(RowOutcome.mapped(2, "张三:30"), RowOutcome.rejected(4, "年龄", "年龄应为整数"));
    }

    @Test
    void exportedTextNeutralisesFormulas() {
        assertThat(SpreadsheetText.neutralise("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(SpreadsheetText.neutralise("张三")).isEqualTo("张三");
    }

    @Test
    void theRejectionReportIsUtf8WithBom() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RejectionReportWriter report = new RejectionReportWriter(out)) {
            report.write(new RowRejection(4, "年龄", "年龄应为整数"));
        }
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text).startsWith("\uFEFF行号,字段,原因").contains("4,年龄,年龄应为整数");
    }
}
