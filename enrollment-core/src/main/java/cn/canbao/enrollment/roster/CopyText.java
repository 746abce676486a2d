package cn.canbao.enrollment.roster;

import java.time.LocalDate;

/** Builds PostgreSQL COPY text-format rows: tab-separated, \N for null, backslash escapes. */
final class CopyText {

    private final StringBuilder sb;
    private boolean firstInRow = true;

    CopyText(int expectedRows) {
        sb = new StringBuilder(expectedRows * 160);
    }

    CopyText add(String value) {
        separator();
        if (value == null) {
            sb.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return this;
    }

    CopyText add(long value) {
        separator();
        sb.append(value);
        return this;
    }

    CopyText add(LocalDate value) {
        return value == null ? add((String) null) : add(value.toString());
    }

    private void separator() {
        if (!firstInRow) {
            sb.append('\t');
        }
        firstInRow = false;
    }

    void endRow() {
        sb.append('\n');
        firstInRow = true;
    }

    boolean isEmpty() {
        return sb.isEmpty();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
