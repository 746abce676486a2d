package cn.canbao.enrollment.roster;

import java.sql.SQLException;
import java.time.LocalDate;

import org.postgresql.copy.CopyIn;

import cn.canbao.enrollment.roster.CopyStream.CopyFailedException;

/**
 * Writes rows in PostgreSQL's binary COPY format straight into a running
 * {@code COPY ... FROM STDIN (FORMAT binary)} through one reused buffer: the server stores the
 * fields without parsing text (dates arrive as day numbers, no escapes), and no per-row objects are
 * made here. Text is encoded as UTF-8 in place.
 */
final class BinaryCopyStream {

    private static final int FLUSH_AT = 256 * 1024;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL counts dates in days from 2000-01-01. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    private final CopyIn copy;
    private final byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    private int length;
    private long waitNanos;

    BinaryCopyStream(CopyIn copy) {
        this.copy = copy;
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    /** Starts a row of {@code fields} fields. */
    BinaryCopyStream row(int fields) {
        if (length >= FLUSH_AT) {
            flush();
        }
        short2(fields);
        return this;
    }

    BinaryCopyStream text(String value) {
        if (value == null) {
            return nul();
        }
        ensure(4 + value.length() * 3);
        int lengthAt = length;
        length += 4;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buffer[length++] = (byte) c;
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
                // A lone surrogate cannot be encoded; the replacement character keeps the field valid UTF-8.
                char d = Character.isSurrogate(c) ? '\uFFFD' : c;
                buffer[length++] = (byte) (0xE0 | (d >> 12));
                buffer[length++] = (byte) (0x80 | ((d >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (d & 0x3F));
            }
        }
        int bytes = length - lengthAt - 4;
        buffer[lengthAt] = (byte) (bytes >>> 24);
        buffer[lengthAt + 1] = (byte) (bytes >>> 16);
        buffer[lengthAt + 2] = (byte) (bytes >>> 8);
        buffer[lengthAt + 3] = (byte) bytes;
        return this;
    }

    BinaryCopyStream int8(long value) {
        ensure(12);
        int4(8);
        int4((int) (value >>> 32));
        int4((int) value);
        return this;
    }

    BinaryCopyStream date(LocalDate value) {
        if (value == null) {
            return nul();
        }
        ensure(8);
        int4(4);
        int4((int) (value.toEpochDay() - POSTGRES_EPOCH_DAY));
        return this;
    }

    /** Sends the trailer and what is buffered, and ends the COPY; returns the rows the server stored. */
    long finish() {
        ensure(2);
        short2(-1);
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

    private BinaryCopyStream nul() {
        ensure(4);
        int4(-1);
        return this;
    }

    private void short2(int value) {
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void int4(int value) {
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
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
}
