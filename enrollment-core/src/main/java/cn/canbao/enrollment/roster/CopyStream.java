package cn.canbao.enrollment.roster;

import java.time.LocalDate;

import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash
 * escapes) straight into a running {@code COPY ... FROM STDIN} as UTF-8, through one reused
 * 256 KiB buffer: no per-row strings or byte arrays, and memory stays constant however many rows pass.
 */
final class CopyStream extends CopyBuffer {

    private boolean firstInRow = true;

    CopyStream(CopyIn copy) {
        super(copy);
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
            } else {
                i = putNonAscii(value, i);
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
}
