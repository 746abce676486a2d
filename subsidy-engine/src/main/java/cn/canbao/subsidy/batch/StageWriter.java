package cn.canbao.subsidy.batch;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.copy.CopyIn;

import cn.canbao.policy.Funder;

/**
 * Streams assessed rows as CSV into one open {@code COPY assessment_stage FROM STDIN}, about a megabyte per send,
 * so the staging table fills while the enrollments are still being read.
 */
final class StageWriter {

    private static final int SEND_AT = 1 << 20;

    private final CopyIn copy;
    private final String prefix;
    private final long runId;
    private final String policyVersion;
    private final StringBuilder buffer = new StringBuilder(SEND_AT + 4096);
    private long copyNanos;
    private long copyNanosReported;

    StageWriter(CopyIn copy, String county, int year, long runId, String policyVersion) {
        this.copy = copy;
        this.prefix = year + "," + county + ",";
        this.runId = runId;
        this.policyVersion = policyVersion;
    }

    /** @param hadResult whether the enrollment already has a stored result (then it is updated, else inserted) */
    void add(AssessmentRow row, boolean hadResult) throws SQLException {
        buffer.append(prefix).append(row.enrollmentId()).append(',').append(row.regionCode()).append(',')
                .append(policyVersion).append(',').append(row.fingerprint()).append(',').append(row.accepted()).append(',')
                .append(nullable(row.rejectionReason())).append(',')
                .append(row.standard() == null ? "" : Long.toString(row.standard().fen())).append(',')
                .append(row.personalDue().fen()).append(',')
                .append(row.mode() == null ? "" : row.mode().name()).append(',')
                .append(nullable(row.ruleId())).append(',')
                .append(row.decidingIdentity() == null ? "" : row.decidingIdentity().name());
        for (Funder funder : Funder.values()) {
            buffer.append(',').append(row.part(funder).fen());
        }
        buffer.append(',').append(row.refundDue().fen()).append(',').append(row.personPaid()).append(',').append(runId)
                .append(',').append(hadResult).append('\n');
        if (buffer.length() >= SEND_AT) {
            send();
        }
    }

    /** Ends the COPY; the number of rows staged. */
    long finish() throws SQLException {
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
        if (buffer.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
        copyNanos += System.nanoTime() - t0;
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
