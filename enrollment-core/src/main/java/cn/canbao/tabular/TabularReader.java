package cn.canbao.tabular;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of a CSV or .xlsx file: memory stays constant whatever the file size. The
 * first row is the header; blank rows are skipped; every row keeps the line number the user sees
 * in a text editor (CSV) or in Excel (xlsx).
 *
 * <p>CSV encoding is detected from the bytes: a UTF-8 byte-order mark, else UTF-8 when the first
 * 64 KiB decode as UTF-8, else GBK (read as GB18030, its superset) when they decode as GBK, else
 * UTF-8. A byte sequence that does not
 * decode stops the read with its line number instead of producing garbled text, and so does a cell
 * longer than Excel allows ({@link #MAX_CELL_CHARACTERS}).
 */
public abstract class TabularReader implements Closeable, Iterator<TabularRow> {

    static final int SNIFF_BYTES = 64 * 1024;
    /**
     * Excel's own limit for one cell. A longer cell cannot come from a spreadsheet: the file is
     * refused (naming line and column) before such text reaches a field rule or the database.
     */
    public static final int MAX_CELL_CHARACTERS = 32_767;
    /** GB18030 decodes every GBK file and the few characters GBK lacks. */
    public static final Charset GBK = Charset.forName("GB18030");

    private List<String> headers;
    private TabularRow next;

    /** Opens a file; the format is detected from its content. */
    public static TabularReader open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Opens a stream and takes ownership of it (closing the reader closes the stream). */
    public static TabularReader open(InputStream input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input, SNIFF_BYTES + 16);
        in.mark(SNIFF_BYTES + 8);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        try {
            if (head.length == 0) {
                throw new TabularFileException("文件为空", 0);
            }
            TabularFormat format = TabularFormat.detect(head, head.length);
            TabularReader reader = format == TabularFormat.XLSX ? new XlsxReader(in) : CsvReader.open(in, head);
            reader.readHeader();
            return reader;
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    public abstract TabularFormat format();

    /** The text encoding of a CSV file; UTF-8 for xlsx (which stores XML in UTF-8). */
    public abstract Charset charset();

    /** The next physical row, blank or not; null at the end. */
    protected abstract TabularRow readRow() throws IOException;

    private void readHeader() throws IOException {
        TabularRow first = readRow();
        while (first != null && first.blank()) {
            first = readRow();
        }
        if (first == null) {
            throw new TabularFileException("文件没有表头行", 1);
        }
        headers = checked(first).cells();
    }

    private TabularRow checked(TabularRow row) {
        List<String> cells = row.cells();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell != null && cell.length() > MAX_CELL_CHARACTERS) {
                String column = headers != null && i < headers.size() && headers.get(i) != null ? "“" + headers.get(i).strip() + "”列"
                        : "第" + (i + 1) + "列";
                throw new TabularFileException("第" + row.line() + "行" + column + "的内容超过" + MAX_CELL_CHARACTERS
                        + "个字符（Excel单元格的上限），文件可能已损坏，整个文件未导入", row.line());
            }
        }
        return row;
    }

    public List<String> headers() {
        return headers;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                TabularRow row = readRow();
                while (row != null && row.blank()) {
                    row = readRow();
                }
                next = row == null ? null : checked(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public TabularRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TabularRow row = next;
        next = null;
        return row;
    }

    /**
     * Maps every data row with the mapper's columns and hands each outcome to the sink, in file
     * order. A missing required column fails before the first row; a row never throws.
     */
    public <T> HeaderMapping mapRows(RowMapper<T> mapper, Consumer<RowOutcome<T>> sink) {
        HeaderMapping mapping = HeaderMapping.resolve(headers, mapper.columns());
        while (hasNext()) {
            MappedRow row = mapping.map(next());
            RowOutcome<T> overlong = row.overlongCell();
            sink.accept(overlong != null ? overlong : mapper.map(row));
        }
        return mapping;
    }

    /** CSV through commons-csv with the detected encoding. */
    static final class CsvReader extends TabularReader {

        private static final char REPLACEMENT = '\uFFFD';

        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Charset charset;

        private CsvReader(CSVParser parser, Charset charset) {
            this.parser = parser;
            this.records = parser.iterator();
            this.charset = charset;
        }

        static CsvReader open(InputStream in, byte[] head) throws IOException {
            Charset charset;
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                charset = StandardCharsets.UTF_8;
                in.skipNBytes(3);
            } else if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                    || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
                throw new TabularFileException("不支持UTF-16编码的CSV文件，请在Excel或WPS中另存为“CSV UTF-8”格式后重新上传", 0);
            } else {
                // When neither decodes (a UTF-8 file with a few stray bytes), UTF-8 names the right line.
                charset = decodes(head, StandardCharsets.UTF_8) || !decodes(head, GBK) ? StandardCharsets.UTF_8 : GBK;
            }
            // Undecodable bytes become U+FFFD and are reported by the row that holds them: the decoder
            // reads ahead, so an exception from it would name the wrong line.
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setIgnoreEmptyLines(false)
                    .setIgnoreSurroundingSpaces(false)
                    .get();
            return new CsvReader(CSVParser.builder().setReader(new InputStreamReader(in, decoder)).setFormat(format).get(), charset);
        }

        private static boolean decodes(byte[] head, Charset charset) {
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer out = CharBuffer.allocate(head.length + 1);
            boolean wholeFile = head.length < SNIFF_BYTES;
            // A multi-byte character cut at the end of the sniffed block is underflow, not an error.
            CoderResult result = decoder.decode(ByteBuffer.wrap(head), out, wholeFile);
            if (result.isError()) {
                return false;
            }
            return !wholeFile || !decoder.flush(out).isError();
        }

        @Override
        public TabularFormat format() {
            return TabularFormat.CSV;
        }

        @Override
        public Charset charset() {
            return charset;
        }

        @Override
        protected TabularRow readRow() {
            long line = parser.getCurrentLineNumber() + 1;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                String[] cells = record.values();
                for (String cell : cells) {
                    if (cell.indexOf(REPLACEMENT) >= 0) {
                        throw new TabularFileException("第" + line + "行有无法按" + (charset.equals(GBK) ? "GBK" : charset.name())
                                + "解码的字符（文件中混有不同编码的内容）。请在Excel或WPS中另存为“CSV UTF-8”格式后重新上传", line);
                    }
                }
                // The record's own array, not a copy: nothing changes a row's cells.
                return new TabularRow(line, Arrays.asList(cells));
            } catch (UncheckedIOException e) {
                throw new TabularFileException("第" + line + "行附近CSV格式错误：" + e.getCause().getMessage(), line, e);
            } catch (IllegalStateException e) {
                throw new TabularFileException("第" + line + "行附近CSV格式错误：" + e.getMessage(), line, e);
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
