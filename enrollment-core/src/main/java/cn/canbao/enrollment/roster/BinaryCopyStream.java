package cn.canbao.enrollment.roster;

import java.time.LocalDate;

import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's binary COPY format straight into a running
 * {@code COPY ... FROM STDIN (FORMAT binary)} through one reused buffer: the server stores the
 * fields without parsing text (dates arrive as day numbers, no escapes), and no per-row objects are
 * made here. Text is encoded as UTF-8 in place.
 */
final class BinaryCopyStream extends CopyBuffer {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL counts dates in days from 2000-01-01. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    BinaryCopyStream(CopyIn copy) {
        super(copy);
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
            } else {
                i = putNonAscii(value, i);
            }
        }
        int bytes = length - lengthAt - 4;
        buffer[lengthAt] = (byte) (bytes >>> 24);
        buffer[lengthAt + 1] = (byte) (bytes >>> 16);
        buffer[lengthAt + 2] = (byte) (bytes >>> 8);
        buffer[lengthAt + 3] = (byte) bytes;
        return this;
    }

    /** Text already encoded as UTF-8 (as read from a UTF-8 file), copied as it is. */
    BinaryCopyStream text(byte[] utf8, int from, int count) {
        ensure(4 + count);
        int4(count);
        System.arraycopy(utf8, from, buffer, length, count);
        length += count;
        return this;
    }

    /** A prefix and UTF-8 text as one field. */
    BinaryCopyStream text(byte[] prefix, byte[] utf8, int from, int count) {
        ensure(4 + prefix.length + count);
        int4(prefix.length + count);
        System.arraycopy(prefix, 0, buffer, length, prefix.length);
        System.arraycopy(utf8, from, buffer, length + prefix.length, count);
        length += prefix.length + count;
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

    /** The file trailer: a field count of -1. */
    @Override
    void trailer() {
        ensure(2);
        short2(-1);
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
}
