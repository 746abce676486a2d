package cn.canbao.tabular;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

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
    /** Offered each plain line while {@link #mapRows(RowMapper, Function, Consumer)} runs (UTF-8 CSV only). */
    PlainLines plainLines;

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
        return mapRows(mapper, mapping -> null, sink);
    }

    /**
     * As {@link #mapRows(RowMapper, Consumer)}, with a shortcut for plain lines ({@link PlainLines}) made from the
     * header's mapping; it is used for a UTF-8 CSV file and ignored for other files, whose lines all go to the mapper.
     */
    public <T> HeaderMapping mapRows(RowMapper<T> mapper, Function<HeaderMapping, PlainLines> shortcut,
            Consumer<RowOutcome<T>> sink) {
        HeaderMapping mapping = HeaderMapping.resolve(headers, mapper.columns());
        plainLines = format() == TabularFormat.CSV && charset().equals(StandardCharsets.UTF_8) ? shortcut.apply(mapping) : null;
        try {
            while (hasNext()) {
                MappedRow row = mapping.map(next());
                RowOutcome<T> overlong = row.overlongCell();
                sink.accept(overlong != null ? overlong : mapper.map(row));
            }
        } finally {
            plainLines = null;
        }
        return mapping;
    }

    /**
     * CSV (RFC 4180: comma, double quotes, {@code ""} for a quote inside quotes, CR, LF or CRLF ends a line) split on
     * the bytes and each cell decoded on its own. The delimiter, quote and line-end bytes never occur inside a
     * multi-byte character of UTF-8 or GB18030, so splitting before decoding is exact; no reader, decoder
     * buffer or per-character copy stands between the file and the cell strings.
     */
    static final class CsvReader extends TabularReader {

        private static final char REPLACEMENT = '\uFFFD';
        /** Bytes kept of one cell: enough for a cell over Excel's limit in any encoding, so that it is refused by its length. */
        private static final int MAX_CELL_BYTES = (MAX_CELL_CHARACTERS + 1) * 4;

        private final InputStream in;
        private final Charset charset;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private boolean endOfFile;
        /** The cell being read when it is quoted or crosses the end of the buffer. */
        private byte[] cell = new byte[256];
        private int cellLength;
        /** What follows a closing quote before the delimiter: only whitespace is allowed there. */
        private final byte[] trailer = new byte[64];
        /** The line the next row starts on: line ends read so far, also those inside quoted cells, plus one. */
        private long line = 1;

        private CsvReader(InputStream in, Charset charset) {
            this.in = in;
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
            return new CsvReader(in, charset);
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
        protected TabularRow readRow() throws IOException {
            if (plainLines != null) {
                while (takePlainLine()) {
                    // taken by the shortcut
                }
            }
            if (position == limit && !fill()) {
                return null;
            }
            long rowLine = line;
            List<String> cells = new ArrayList<>(8);
            while (true) {
                int end = buffer[position] == '"' ? readQuoted(rowLine) : readPlain();
                String value = new String(cell, 0, cellLength, charset);
                boolean cut = cellLength == MAX_CELL_BYTES;
                cellLength = 0;
                // Undecodable bytes became U+FFFD: reported with the line that holds them, not as garbled text. A cell cut
                // at MAX_CELL_BYTES may end in half a character; it is over Excel's limit and refused for that instead.
                if (!cut && value.indexOf(REPLACEMENT) >= 0) {
                    throw new TabularFileException("第" + rowLine + "行有无法按" + (charset.equals(GBK) ? "GBK" : charset.name())
                            + "解码的字符（文件中混有不同编码的内容）。请在Excel或WPS中另存为“CSV UTF-8”格式后重新上传", rowLine);
                }
                cells.add(value);
                if (end != ',') {
                    return new TabularRow(rowLine, cells);
                }
                if (position == limit && !fill()) {
                    // A comma at the very end of the file: one more, empty cell.
                    cells.add("");
                    return new TabularRow(rowLine, cells);
                }
            }
        }

        /**
         * Offers the next line to {@link #plainLines} when it lies within the buffer and holds no quote or carriage
         * return; true when it was taken (and consumed).
         */
        private boolean takePlainLine() throws IOException {
            if (position == limit && !fill()) {
                return false;
            }
            for (int i = position; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (!plainLines.take(buffer, position, i, line)) {
                        return false;
                    }
                    position = i + 1;
                    line++;
                    return true;
                }
                if (b == '"' || b == '\r') {
                    return false;
                }
            }
            return false; // the line goes on in the next block: read the ordinary way
        }

        /**
         * Reads an unquoted cell into {@link #cell} up to the comma, line end or end of file, and consumes that
         * delimiter: returns ',' after a comma, '\n' after a line end, -1 at the end of the file.
         */
        private int readPlain() throws IOException {
            while (true) {
                int start = position;
                int i = start;
                while (i < limit) {
                    byte b = buffer[i];
                    if (b == ',' || b == '\n' || b == '\r') {
                        append(buffer, start, i - start);
                        position = i + 1;
                        if (b == ',') {
                            return ',';
                        }
                        endLine(b);
                        return '\n';
                    }
                    i++;
                }
                append(buffer, start, i - start);
                position = i;
                if (!fill()) {
                    return -1;
                }
            }
        }

        /** Reads a quoted cell (the position is on its opening quote) and the delimiter after it, as {@link #readPlain()}. */
        private int readQuoted(long rowLine) throws IOException {
            position++;
            while (true) {
                if (position == limit && !fill()) {
                    throw new TabularFileException("第" + rowLine + "行附近CSV格式错误：引号未闭合，文件在引号内结束", rowLine);
                }
                byte b = buffer[position++];
                if (b == '"') {
                    if (position == limit && !fill()) {
                        return -1;
                    }
                    if (buffer[position] != '"') {
                        return afterQuoted();
                    }
                    position++;
                } else if (b == '\r' || b == '\n') {
                    // A line end inside quotes belongs to the cell as written, and counts as a line.
                    line++;
                    if (b == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                        position++;
                        append(b);
                        b = '\n';
                    }
                }
                append(b);
            }
        }

        /** After a closing quote: whitespace may follow before the delimiter (as commons-csv allowed); anything else is not CSV. */
        private int afterQuoted() throws IOException {
            int end = -1;
            int length = 0;
            byte lineEnd = 0;
            while (position < limit || fill()) {
                byte b = buffer[position++];
                if (b == ',' || b == '\n' || b == '\r') {
                    end = b == ',' ? ',' : '\n';
                    lineEnd = b;
                    break;
                }
                if (length == trailer.length) {
                    throw notCsvAfterQuote();
                }
                trailer[length++] = b;
            }
            // Checked before the line end is counted, so the error names the line the text stands on.
            if (length > 0 && !new String(trailer, 0, length, charset).chars().allMatch(Character::isWhitespace)) {
                throw notCsvAfterQuote();
            }
            if (end == '\n') {
                endLine(lineEnd);
            }
            return end;
        }

        private TabularFileException notCsvAfterQuote() {
            return new TabularFileException("第" + line + "行附近CSV格式错误：引号后的内容应为逗号或换行", line);
        }

        /** Counts one line end; a CR followed by LF is one line end and the LF is consumed with it. */
        private void endLine(byte b) throws IOException {
            line++;
            if (b == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                position++;
            }
        }

        private void append(byte b) {
            if (cellLength == MAX_CELL_BYTES) {
                return;
            }
            if (cellLength == cell.length) {
                grow(1);
            }
            cell[cellLength++] = b;
        }

        private void append(byte[] bytes, int from, int length) {
            int kept = Math.min(length, MAX_CELL_BYTES - cellLength);
            if (kept <= 0) {
                return;
            }
            if (cellLength + kept > cell.length) {
                grow(kept);
            }
            System.arraycopy(bytes, from, cell, cellLength, kept);
            cellLength += kept;
        }

        private void grow(int more) {
            cell = Arrays.copyOf(cell, Math.min(MAX_CELL_BYTES, Math.max(cell.length * 2, cellLength + more)));
        }

        /** Reads the next block; false at the end of the file (then {@code position == limit}). */
        private boolean fill() throws IOException {
            if (endOfFile) {
                return false;
            }
            int read;
            do {
                read = in.read(buffer, 0, buffer.length);
            } while (read == 0);
            if (read < 0) {
                endOfFile = true;
                position = limit = 0;
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
