package cn.canbao.enrollment.roster;

import java.sql.SQLException;

import org.postgresql.copy.CopyIn;

/**
 * The part of a streamed {@code COPY ... FROM STDIN} both formats share: one reused buffer handed to the server when
 * it fills, UTF-8 encoding in place, the end or the abandonment of the COPY, and the time spent waiting on the
 * server. {@link CopyStream} (text) and {@link BinaryCopyStream} (binary) lay out the rows.
 */
abstract class CopyBuffer {

    static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    final byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    int length;
    private long waitNanos;

    CopyBuffer(CopyIn copy) {
        this.copy = copy;
    }

    /** Sends what is buffered (after {@link #trailer()}) and ends the COPY; returns the rows the server stored. */
    long finish() {
        trailer();
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

    /** What the format writes after the last row. */
    void trailer() {
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

    /**
     * Encodes the non-ASCII character at {@code i} as UTF-8 and returns the index of the last char it used (a
     * surrogate pair uses two). A lone surrogate becomes the replacement character, so the field stays valid UTF-8.
     */
    int putNonAscii(String value, int i) {
        char c = value.charAt(i);
        if (c < 0x800) {
            buffer[length++] = (byte) (0xC0 | (c >> 6));
            buffer[length++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, value.charAt(i + 1));
            buffer[length++] = (byte) (0xF0 | (cp >> 18));
            buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buffer[length++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        char d = Character.isSurrogate(c) ? '\uFFFD' : c;
        buffer[length++] = (byte) (0xE0 | (d >> 12));
        buffer[length++] = (byte) (0x80 | ((d >> 6) & 0x3F));
        buffer[length++] = (byte) (0x80 | (d & 0x3F));
        return i;
    }

    void ensure(int bytes) {
        if (length + bytes > buffer.length) {
            flush();
        }
    }

    void flush() {
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
