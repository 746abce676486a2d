package cn.canbao.enrollment.roster;

import java.sql.SQLException;
import java.time.LocalDate;

import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash
 * escapes) straight into a running {@code COPY ... FROM STDIN} as UTF-8, through one reused
 * 256 KiB buffer: no per-row strings or byte arrays, and memory stays constant however many rows pass.
 */
final class CopyStream {

    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    private int length;
    private boolean firstInRow = true;
    private long waitNanos;

    CopyStream(CopyIn copy) {
        this.copy = copy;
    }

    CopyStream add(String value) {
        separator();
        if (value == null) {
            return nul();
        }
        ensure(value.length() * 3 + 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> ascii2('\\', '\\');
                    case '\t' -> ascii2('\\', 't');
                    case '\n' -> ascii2('\\', 'n');
                    case '\r' -> ascii2('\\', 'r');
                    default -> buffer[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buffer[length++] = (byte) (0xF0 | (cp >> 18));
                buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // A lone surrogate cannot be encoded; the replacement character keeps the row valid UTF-8.
                char d = Character.isSurrogate(c) ? '\uFFFD' : c;
                buffer[length++] = (byte) (0xE0 | (d >> 12));
                buffer[length++] = (byte) (0x80 | ((d >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (d & 0x3F));
            }
        }
        return this;
    }

    CopyStream add(long value) {
        separator();
        ensure(20);
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            buffer[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
        return this;
    }

    CopyStream add(LocalDate value) {
        if (value == null || value.getYear() < 1000 || value.getYear() > 9999) {
            return add(value == null ? null : value.toString());
        }
        separator();
        ensure(10);
        int y = value.getYear();
        int m = value.getMonthValue();
        int d = value.getDayOfMonth();
        buffer[length++] = (byte) ('0' + y / 1000);
        buffer[length++] = (byte) ('0' + y / 100 % 10);
        buffer[length++] = (byte) ('0' + y / 10 % 10);
        buffer[length++] = (byte) ('0' + y % 10);
        buffer[length++] = '-';
        buffer[length++] = (byte) ('0' + m / 10);
        buffer[length++] = (byte) ('0' + m % 10);
        buffer[length++] = '-';
        buffer[length++] = (byte) ('0' + d / 10);
        buffer[length++] = (byte) ('0' + d % 10);
        return this;
    }

    void endRow() {
        ensure(1);
        buffer[length++] = '\n';
        firstInRow = true;
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server stored. */
    long finish() {
        flush();
        long start = System.nanoTime();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        } finally {
            waitNanos += System.nanoTime() - start;
        }
    }

    /** Abandons the COPY after a failure while reading; the caller rolls back. */
    void cancel() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    /** Time spent blocked handing bytes to the server: how far COPY lags behind parsing. */
    long waitNanos() {
        return waitNanos;
    }

    private CopyStream nul() {
        ensure(2);
        ascii2('\\', 'N');
        return this;
    }

    private void ascii2(char a, char b) {
        buffer[length++] = (byte) a;
        buffer[length++] = (byte) b;
    }

    private void separator() {
        if (!firstInRow) {
            ensure(1);
            buffer[length++] = '\t';
        }
        firstInRow = false;
    }

    private void ensure(int bytes) {
        if (length + bytes > buffer.length) {
            flush();
        }
    }

    private void flush() {
        if (length == 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            copy.writeToCopy(buffer, 0, length);
        } catch (SQLException e) {
            throw new CopyFailedException(e);
        } finally {
            waitNanos += System.nanoTime() - start;
        }
        length = 0;
    }

    /** The server refused the COPY data while a row was being written. */
    static final class CopyFailedException extends RuntimeException {
        CopyFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
