package cn.canbao.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The byte-level CSV reader reads what commons-csv (the reader it replaced, configured as it was) read: the same
 * cells on the same lines, or a file error where commons-csv failed.
 */
class CsvReaderDifferentialTest {

    private static final String[] PIECES = {"a", "b", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t", "\f", "\u001F",
            "\u00A0", "\u3000", "é", "长"};

    @Test
    void randomSmallFilesReadAsCommonsCsvReadThem() throws IOException {
        Random random = new Random(20261207);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(read(file)).as(text.toString()).isEqualTo(commonsCsv(file));
        }
    }

    @Test
    void cellsLongerThanTheReadBufferAndQuotedLineEndsReadAsCommonsCsvReadThem() throws IOException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder("h1,h2\r\n");
        for (int i = 0; i < 300; i++) {
            text.append('"').append("长\"\"x\r\n".repeat(random.nextInt(4000))).append("\",")
                    .append("abc".repeat(random.nextInt(10_000))).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(read(file)).isEqualTo(commonsCsv(file));
    }

    private static List<String> read(byte[] file) throws IOException {
        List<String> rows = new ArrayList<>();
        try (TabularReader.CsvReader reader = TabularReader.CsvReader.open(new ByteArrayInputStream(file), file)) {
            TabularRow row;
            while ((row = reader.readRow()) != null) {
                rows.add(row.line() + ":" + row.cells());
            }
        } catch (TabularFileException e) {
            rows.add("file error");
        }
        return rows;
    }

    private static List<String> commonsCsv(byte[] file) throws IOException {
        List<String> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(false).get();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8)).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                rows.add(line + ":" + Arrays.asList(records.next().values()));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            rows.add("file error");
        }
        return rows;
    }
}
