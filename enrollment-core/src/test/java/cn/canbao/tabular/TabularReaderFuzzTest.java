package cn.canbao.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Feeds arbitrary bytes to the CSV and xlsx readers. Whatever the bytes, reading ends normally
 * (rows mapped or rejected with a line, field and reason) or with a {@link TabularFileException};
 * any other exception or an OutOfMemoryError is a finding.
 *
 * <p>One fuzz test covers both formats because Jazzer fuzzes one test per JVM: one input number
 * chooses raw bytes (detected as CSV, or as xlsx when they start like a ZIP), or a well-formed xlsx
 * package whose worksheet or shared-strings XML is the fuzzed text. In a plain {@code mvn test} the
 * root surefire configuration sets {@code JAZZER_FUZZ=1}, so this really fuzzes for
 * {@code maxDuration}; with {@code -Dcanbao.jazzer-fuzz=0} it only replays its seeds.
 */
class TabularReaderFuzzTest {

    private static final RowMapper<String> NAME_AND_AGE = TabularReaderTest.NAME_AND_AGE;

    @FuzzTest(maxDuration = "20s")
    void anyFileEndsInRowsOrADocumentedFileError(FuzzedDataProvider data) {
        // Opening an xlsx costs far more than a CSV (a ZIP and a shared-strings temp file), so raw bytes get most runs.
        byte[] file = switch (data.consumeInt(0, 7)) {
            case 6 -> xlsx(data.consumeRemainingAsString(), SHARED_STRINGS);
            case 7 -> xlsx(SHEET, data.consumeRemainingAsString());
            default -> data.consumeRemainingAsBytes();
        };
        read(file);
    }

    @Test
    void theHandMadePackageTheFuzzerMutatesIsAReadableWorkbook() throws IOException {
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(xlsx(SHEET, SHARED_STRINGS)))) {
            List<RowOutcome<String>> outcomes = new ArrayList<>();
            reader.mapRows(NAME_AND_AGE, outcomes::add);
            assertThat(reader.format()).isEqualTo(TabularFormat.XLSX);
            assertThat(outcomes).containsExactly(RowOutcome.mapped(2, "张三:30"));
        }
    }

    static void read(byte[] file) {
        List<RowOutcome<String>> outcomes = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(file))) {
            reader.mapRows(NAME_AND_AGE, outcomes::add);
            assertThat(reader.headers()).isNotNull();
        } catch (TabularFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("only a TabularFileException may end the read of an in-memory file", e);
        }
        for (RowOutcome<String> outcome : outcomes) {
            assertThat(outcome.line()).isPositive();
            if (outcome instanceof RowOutcome.Rejected<String> rejected) {
                assertThat(rejected.rejection().field()).isNotBlank();
                assertThat(rejected.rejection().reason()).isNotBlank();
            }
        }
    }

    static final String SHEET = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>30</v></c></row>
            </sheetData></worksheet>""";

    static final String SHARED_STRINGS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
            <si><t>姓名</t></si><si><t>年龄</t></si></sst>""";

    /** The smallest package excel-streaming-reader opens, with the given sheet and shared strings. */
    static byte[] xlsx(String sheetXml, String sharedStringsXml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                     xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                    <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                    </Relationships>""");
            entry(zip, "xl/worksheets/sheet1.xml", sheetXml);
            entry(zip, "xl/sharedStrings.xml", sharedStringsXml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
