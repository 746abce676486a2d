package cn.canbao.subsidy.batch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The stored input fingerprint of every enrollment of a county and year, read once per run, with a mark for each
 * enrollment the run meets: what is left unmarked belongs to enrollments that are no longer active. With it, the
 * outcome the change list compares (accepted, personal due, subsidy total, scheme), so that a re-assessment is told
 * apart from a real change while it is written, not by joining a million rows afterwards. Primitive arrays,
 * because a million boxed entries would cost more than reading them. A county's enrollment ids are nearly dense
 * (they come from one sequence, mostly in bulk), so when the ids span at most four times their count the arrays are
 * indexed by id minus the smallest id: one array access per lookup, in about the order the read meets them.
 * Otherwise they are an open-addressing hash table. (Profiled: the hash probes were the largest single cost of the
 * writing thread in a re-run.)
 */
final class PreviousFingerprints {

    private static final long EMPTY = Long.MIN_VALUE;

    /** Dense: slot = id - base, {@code present} says which slots hold a result. Hashed: {@code ids} holds the keys. */
    private final boolean dense;
    private final long base;
    private final long[] ids;
    private final boolean[] present;
    private final long[] fingerprints;
    private final Outcomes outcomes;
    private final boolean[] seen;
    private final int size;

    /** The compared outcome of each read row, in read order; moved into slot order by the constructor. */
    private static final class Outcomes {
        final boolean[] accepted;
        final long[] dues;
        final long[] subsidies;
        final String[] rules;

        Outcomes(int capacity) {
            accepted = new boolean[capacity];
            dues = new long[capacity];
            subsidies = new long[capacity];
            rules = new String[capacity];
        }

        Outcomes grown(int capacity) {
            Outcomes grown = new Outcomes(capacity);
            grown.copy(this, accepted.length);
            return grown;
        }

        private void copy(Outcomes from, int count) {
            System.arraycopy(from.accepted, 0, accepted, 0, count);
            System.arraycopy(from.dues, 0, dues, 0, count);
            System.arraycopy(from.subsidies, 0, subsidies, 0, count);
            System.arraycopy(from.rules, 0, rules, 0, count);
        }

        void move(Outcomes from, int fromIndex, int slot) {
            accepted[slot] = from.accepted[fromIndex];
            dues[slot] = from.dues[fromIndex];
            subsidies[slot] = from.subsidies[fromIndex];
            rules[slot] = from.rules[fromIndex];
        }
    }

    private PreviousFingerprints(long[] readIds, long[] readFingerprints, Outcomes read, int count) {
        size = count;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, readIds[i]);
            max = Math.max(max, readIds[i]);
        }
        long span = count == 0 ? 0 : max - min + 1;
        dense = count > 0 && span <= 4L * count + 1024;
        if (dense) {
            base = min;
            ids = null;
            present = new boolean[(int) span];
            fingerprints = new long[(int) span];
            outcomes = new Outcomes((int) span);
            seen = new boolean[(int) span];
            for (int i = 0; i < count; i++) {
                int slot = (int) (readIds[i] - base);
                present[slot] = true;
                fingerprints[slot] = readFingerprints[i];
                outcomes.move(read, i, slot);
            }
        } else {
            base = 0;
            present = null;
            int capacity = Integer.highestOneBit(Math.max(16, count * 2 - 1)) << 1;
            ids = new long[capacity];
            fingerprints = new long[capacity];
            outcomes = new Outcomes(capacity);
            seen = new boolean[capacity];
            Arrays.fill(ids, EMPTY);
            for (int i = 0; i < count; i++) {
                int slot = hashSlot(readIds[i]);
                ids[slot] = readIds[i];
                fingerprints[slot] = readFingerprints[i];
                outcomes.move(read, i, slot);
            }
        }
    }

    /**
     * Reads {@code COPY (SELECT enrollment_id, input_fingerprint, accepted, personal_due_fen, <subsidy total>, rule_id
     * ...) TO STDOUT (FORMAT binary)}: a 19-byte header (signature, flags, extension length), then per row a 16-bit
     * field count and the length-prefixed fields (-1 for the NULL a rule may be). Enrollment ids are unique (the
     * table's primary key).
     */
    static PreviousFingerprints fromBinaryCopy(InputStream copy, int expected) throws IOException {
        long[] readIds = new long[Math.max(16, expected)];
        long[] readFingerprints = new long[readIds.length];
        Outcomes read = new Outcomes(readIds.length);
        int count = 0;
        Input in = new Input(copy);
        in.skip(11 + 4);
        in.skip(in.readInt());
        while (true) {
            short fields = in.readShort();
            if (fields == -1) {
                return new PreviousFingerprints(readIds, readFingerprints, read, count);
            }
            if (fields != 6) {
                throw new IllegalStateException("previous results: expected 6 columns, got " + fields);
            }
            if (count == readIds.length) {
                readIds = Arrays.copyOf(readIds, count * 2);
                readFingerprints = Arrays.copyOf(readFingerprints, count * 2);
                read = read.grown(count * 2);
            }
            readIds[count] = in.readLongField();
            readFingerprints[count] = in.readLongField();
            in.skip(4);
            read.accepted[count] = in.readByte() != 0;
            read.dues[count] = in.readLongField();
            read.subsidies[count] = in.readLongField();
            int ruleLength = in.readInt();
            read.rules[count++] = ruleLength < 0 ? null : in.readText(ruleLength);
        }
    }

    /**
     * Big-endian reads over a buffer of its own: a million rows of six fields through {@code DataInputStream} cost a
     * synchronized {@code read()} per byte of every length word.
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        private void ensure(int bytes) throws IOException {
            if (limit - position >= bytes) {
                return;
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            while (limit < bytes) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    throw new EOFException("previous results: the COPY ended inside a row");
                }
                limit += n;
            }
        }

        void skip(int bytes) throws IOException {
            ensure(bytes);
            position += bytes;
        }

        byte readByte() throws IOException {
            ensure(1);
            return buffer[position++];
        }

        short readShort() throws IOException {
            ensure(2);
            short value = (short) (((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
            position += 2;
            return value;
        }

        int readInt() throws IOException {
            ensure(4);
            int value = ((buffer[position] & 0xFF) << 24) | ((buffer[position + 1] & 0xFF) << 16)
                    | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        /** A length-prefixed 8-byte integer field. */
        long readLongField() throws IOException {
            ensure(12);
            position += 4;
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (buffer[position++] & 0xFF);
            }
            return value;
        }

        String readText(int length) throws IOException {
            if (length > buffer.length) {
                throw new IllegalStateException("previous results: a scheme id of " + length + " bytes");
            }
            ensure(length);
            String text = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }
    }

    /** The slot holding the enrollment, or -1 when it has no stored result. */
    int find(long enrollmentId) {
        if (dense) {
            long slot = enrollmentId - base;
            return slot >= 0 && slot < present.length && present[(int) slot] ? (int) slot : -1;
        }
        int slot = hashSlot(enrollmentId);
        return ids[slot] == EMPTY ? -1 : slot;
    }

    long fingerprint(int slot) {
        return fingerprints[slot];
    }

    /** Whether the new result agrees with the stored one in everything the change list compares. */
    boolean sameOutcome(int slot, AssessmentRow row) {
        return outcomes.accepted[slot] == row.accepted() && outcomes.dues[slot] == row.personalDue().fen()
                && outcomes.subsidies[slot] == row.subsidyTotal().fen() && Objects.equals(outcomes.rules[slot], row.ruleId());
    }

    void markSeen(int slot) {
        seen[slot] = true;
    }

    int size() {
        return size;
    }

    /** Enrollments with a stored result that the run did not meet. */
    long[] unseen() {
        long[] result = new long[size];
        int n = 0;
        for (int i = 0; i < seen.length; i++) {
            boolean held = dense ? present[i] : ids[i] != EMPTY;
            if (held && !seen[i]) {
                result[n++] = dense ? base + i : ids[i];
            }
        }
        return Arrays.copyOf(result, n);
    }

    private int hashSlot(long key) {
        int mask = ids.length - 1;
        int slot = (int) (mix(key) & mask);
        while (ids[slot] != EMPTY && ids[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        long x = key * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 32);
    }
}
