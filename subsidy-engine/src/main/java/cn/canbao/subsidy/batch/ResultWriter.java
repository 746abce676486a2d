package cn.canbao.subsidy.batch;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.postgresql.copy.CopyIn;

import cn.canbao.policy.Funder;

/**
 * Streams assessed rows into one open binary {@code COPY <new results table> FROM STDIN (FORMAT binary)}, about a
 * megabyte per send, so the run's fresh results table fills while the enrollments are still being read. Binary rows
 * cost PostgreSQL no text parsing and the JVM no number formatting. Columns: {@link #COLUMNS}.
 */
final class ResultWriter {

    /**
     * The columns written, in order. The run's constants (year, county, policy version, run id) are the defaults of
     * its table and {@code assessed_at} takes its own.
     */
    static final String COLUMNS = "enrollment_id, region_code, input_fingerprint, accepted, rejection_reason, "
            + "standard_fen, personal_due_fen, subsidy_mode, rule_id, deciding_identity, medical_assistance_fund_fen, "
            + "disabled_persons_federation_fen, rural_revitalization_bureau_fen, veterans_affairs_bureau_fen, "
            + "government_fen, county_finance_fen, refund_due_fen, person_paid";
    private static final short FIELDS = 18;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final int SEND_AT = 1 << 20;

    private final CopyIn copy;
    private final Map<String, byte[]> texts = new HashMap<>();
    private final byte[] buffer = new byte[SEND_AT + 4096];
    private int length;
    private long copyNanos;
    private long copyNanosReported;

    ResultWriter(CopyIn copy) {
        this.copy = copy;
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    void add(AssessmentRow row) throws SQLException {
        if (length + 1024 > buffer.length) {
            send();
        }
        putShort(FIELDS);
        putLongField(row.enrollmentId());
        putText(row.regionCode());
        putLongField(row.fingerprint());
        putBoolean(row.accepted());
        putText(row.rejectionReason());
        if (row.standard() == null) {
            putInt(-1);
        } else {
            putLongField(row.standard().fen());
        }
        putLongField(row.personalDue().fen());
        putText(row.mode() == null ? null : row.mode().name());
        putText(row.ruleId());
        putText(row.decidingIdentity() == null ? null : row.decidingIdentity().name());
        for (Funder funder : Funder.values()) {
            putLongField(row.part(funder).fen());
        }
        putLongField(row.refundDue().fen());
        putBoolean(row.personPaid());
        if (length >= SEND_AT) {
            send();
        }
    }

    /** Ends the COPY; the number of rows written. */
    long finish() throws SQLException {
        putShort((short) -1);
        send();
        long t0 = System.nanoTime();
        long rows = copy.endCopy();
        copyNanos += System.nanoTime() - t0;
        return rows;
    }

    /** Abandons the COPY (the run failed), so the connection can roll back. */
    void cancel() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // The transaction is rolled back next; the original failure is what counts.
            }
        }
    }

    /** Time spent sending since the last call (so the caller can take it out of its own measurement). */
    long takeCopyNanosSinceLastCall() {
        long since = copyNanos - copyNanosReported;
        copyNanosReported = copyNanos;
        return since;
    }

    long copyMillis() {
        return copyNanos / 1_000_000;
    }

    private void send() throws SQLException {
        if (length == 0) {
            return;
        }
        long t0 = System.nanoTime();
        copy.writeToCopy(buffer, 0, length);
        length = 0;
        copyNanos += System.nanoTime() - t0;
    }

    private void putText(String value) {
        if (value == null) {
            putInt(-1);
        } else {
            putBytes(texts.computeIfAbsent(value, v -> v.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void putBytes(byte[] value) {
        putInt(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
    }

    private void putBoolean(boolean value) {
        putInt(1);
        buffer[length++] = (byte) (value ? 1 : 0);
    }

    private void putLongField(long value) {
        putInt(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void putInt(int value) {
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putShort(short value) {
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }
}
