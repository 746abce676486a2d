package cn.canbao.subsidy.batch;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The stored input fingerprint of every enrollment of a county and year, read once per run, with a mark for each
 * enrollment the run meets: what is left unmarked belongs to enrollments that are no longer active. Open addressing
 * over two primitive arrays, because a million boxed entries would cost more than reading them.
 */
final class PreviousFingerprints {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] ids;
    private long[] fingerprints;
    private boolean[] seen;
    private int size;

    PreviousFingerprints(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        ids = new long[capacity];
        fingerprints = new long[capacity];
        seen = new boolean[capacity];
        Arrays.fill(ids, EMPTY);
    }

    /**
     * Reads {@code COPY (SELECT enrollment_id, input_fingerprint ...) TO STDOUT (FORMAT binary)}: a 19-byte header
     * (signature, flags, extension length), then per row a 16-bit field count and two length-prefixed 8-byte integers.
     */
    static PreviousFingerprints fromBinaryCopy(InputStream copy, int expected) throws IOException {
        PreviousFingerprints result = new PreviousFingerprints(expected);
        DataInputStream in = new DataInputStream(copy);
        in.skipNBytes(11 + 4);
        in.skipNBytes(in.readInt());
        while (true) {
            short fields = in.readShort();
            if (fields == -1) {
                return result;
            }
            in.readInt();
            long id = in.readLong();
            in.readInt();
            result.put(id, in.readLong());
        }
    }

    void put(long enrollmentId, long fingerprint) {
        if (size * 2 >= ids.length) {
            grow();
        }
        int slot = slot(enrollmentId);
        if (ids[slot] == EMPTY) {
            ids[slot] = enrollmentId;
            size++;
        }
        fingerprints[slot] = fingerprint;
    }

    /** The slot holding the enrollment, or -1 when it has no stored result. */
    int find(long enrollmentId) {
        int slot = slot(enrollmentId);
        return ids[slot] == EMPTY ? -1 : slot;
    }

    long fingerprint(int slot) {
        return fingerprints[slot];
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
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != EMPTY && !seen[i]) {
                result[n++] = ids[i];
            }
        }
        return Arrays.copyOf(result, n);
    }

    private int slot(long key) {
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

    private void grow() {
        long[] oldIds = ids;
        long[] oldFingerprints = fingerprints;
        boolean[] oldSeen = seen;
        ids = new long[oldIds.length * 2];
        fingerprints = new long[ids.length];
        seen = new boolean[ids.length];
        Arrays.fill(ids, EMPTY);
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != EMPTY) {
                int slot = slot(oldIds[i]);
                ids[slot] = oldIds[i];
                fingerprints[slot] = oldFingerprints[i];
                seen[slot] = oldSeen[i];
                size++;
            }
        }
    }
}
