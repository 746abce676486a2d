package cn.canbao.subsidy.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

/**
 * Parses one row of the batch read, as PostgreSQL's {@code COPY ... TO STDOUT} text format sends it (tab-separated,
 * {@code \N} for null, backslash escapes, newline at the end), straight from the bytes into an {@link AssessmentInput}.
 * Columns: enrollment id, region code, category, paid (t/f), as-of date, birth date, relation to head, identities
 * ({@code IDENTITY:valid_to} comma-separated). Region, category and relation are decoded once per distinct text
 * ({@link ByteKeyCache}). Not thread-safe (it keeps small caches): one per reading thread.
 */
final class EnrollmentRows {

    static final int COLUMNS = 8;

    private final ByteKeyCache<String> regions = new ByteKeyCache<>(region -> region);
    private final ByteKeyCache<ParticipantCategory> categories = new ByteKeyCache<>(ParticipantCategory::valueOf);
    private final ByteKeyCache<FamilyRole> roles = new ByteKeyCache<>(FamilyRoles::of);
    private final int[] starts = new int[COLUMNS];
    private final int[] ends = new int[COLUMNS];

    AssessmentInput parse(byte[] row) {
        split(row);
        long id = number(row, 0);
        String region = cached(regions, row, 1);
        ParticipantCategory category = cached(categories, row, 2);
        boolean paid = row[starts[3]] == 't';
        LocalDate asOf = date(row, 4);
        LocalDate birth = isNull(row, 5) ? null : date(row, 5);
        FamilyRole role = isNull(row, 6) ? FamilyRole.OTHER : cached(roles, row, 6);
        Set<Identity> identities = isNull(row, 7) ? EnumSet.noneOf(Identity.class)
                : BatchAssessmentService.identities(text(row, 7), asOf);
        return new AssessmentInput(id, region, category, birth, identities, role, asOf, paid);
    }

    private void split(byte[] row) {
        int column = 0;
        starts[0] = 0;
        int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        for (int i = 0; i < end; i++) {
            if (row[i] == '\t') {
                if (column + 1 >= COLUMNS) {
                    throw new IllegalStateException("batch read: more than " + COLUMNS + " columns in a row");
                }
                ends[column++] = i;
                starts[column] = i + 1;
            }
        }
        if (column != COLUMNS - 1) {
            throw new IllegalStateException("batch read: expected " + COLUMNS + " columns, got " + (column + 1));
        }
        ends[column] = end;
    }

    /** A short text column through its cache, unless it holds an escape (then decoded as text). */
    private <T> T cached(ByteKeyCache<T> cache, byte[] row, int column) {
        for (int i = starts[column]; i < ends[column]; i++) {
            if (row[i] == '\\') {
                byte[] unescaped = text(row, column).getBytes(StandardCharsets.UTF_8);
                return cache.get(unescaped, 0, unescaped.length);
            }
        }
        return cache.get(row, starts[column], ends[column]);
    }

    private boolean isNull(byte[] row, int column) {
        return ends[column] - starts[column] == 2 && row[starts[column]] == '\\' && row[starts[column] + 1] == 'N';
    }

    private long number(byte[] row, int column) {
        long value = 0;
        for (int i = starts[column]; i < ends[column]; i++) {
            value = value * 10 + (row[i] - '0');
        }
        return value;
    }

    /** ISO date (the JDBC driver sets DateStyle ISO): yyyy-mm-dd. */
    private LocalDate date(byte[] row, int column) {
        int s = starts[column];
        if (ends[column] - s != 10) {
            return LocalDate.parse(text(row, column));
        }
        int year = (row[s] - '0') * 1000 + (row[s + 1] - '0') * 100 + (row[s + 2] - '0') * 10 + (row[s + 3] - '0');
        int month = (row[s + 5] - '0') * 10 + (row[s + 6] - '0');
        int day = (row[s + 8] - '0') * 10 + (row[s + 9] - '0');
        return LocalDate.of(year, month, day);
    }

    private String text(byte[] row, int column) {
        int s = starts[column];
        int e = ends[column];
        for (int i = s; i < e; i++) {
            if (row[i] == '\\') {
                return unescape(row, s, e);
            }
        }
        return new String(row, s, e - s, StandardCharsets.UTF_8);
    }

    /** The text format's escapes: \b \f \n \r \t \v, octal \ooo, hex \xhh, and a backslash before any other byte. */
    static String unescape(byte[] row, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = row[i];
            if (b != '\\' || i + 1 >= to) {
                out.write(b);
                continue;
            }
            byte next = row[++i];
            switch (next) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0b);
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && Character.digit(row[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(row[++i], 16);
                        digits++;
                    }
                    out.write(value);
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int value = next - '0';
                        for (int digits = 1; digits < 3 && i + 1 < to && row[i + 1] >= '0' && row[i + 1] <= '7'; digits++) {
                            value = value * 8 + (row[++i] - '0');
                        }
                        out.write(value);
                    } else {
                        out.write(next);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
