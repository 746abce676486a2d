package cn.canbao.tabular;

/**
 * The file as a whole cannot be read (wrong format, undecodable bytes, no header, missing required
 * columns, a cell longer than Excel allows). Row-level problems are never thrown: they become
 * {@link RowRejection}s. Reading a file ends with rows or with this exception, never another one
 * (enrollment-core {@code TabularReaderFuzzTest}).
 */
public class TabularFileException extends RuntimeException {

    private final long line;

    public TabularFileException(String message, long line) {
        super(message);
        this.line = line;
    }

    public TabularFileException(String message, long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The line (CSV) or row (xlsx) where reading stopped; 0 when it is about the whole file. */
    public long line() {
        return line;
    }
}
