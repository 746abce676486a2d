package cn.canbao.subsidy.batch;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * The reading half of a batch run, on its own thread: one binary {@code COPY (SELECT ...) TO STDOUT} on the read connection,
 * each row parsed from its bytes as it arrives and handed on in batches through a bounded queue, so PostgreSQL's join,
 * the parsing and the assessing overlap. An empty batch marks the end; {@link #failure()} says whether it ended early.
 */
final class EnrollmentStream implements Runnable {

    static final int BATCH = 4_096;
    private static final List<EnrollmentRow> END = List.of();

    private final CopyManager copy;
    private final String sql;
    /** 32,768 rows in flight smooth out the two threads; more would only survive young collections for nothing. */
    private final BlockingQueue<List<EnrollmentRow>> queue = new ArrayBlockingQueue<>(8);
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private volatile long readNanos;
    private volatile long parseNanos;
    private volatile long cpuNanos;

    EnrollmentStream(CopyManager copy, String sql) {
        this.copy = copy;
        this.sql = sql;
    }

    @Override
    public void run() {
        CopyOut out = null;
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try {
            out = copy.copyOut(sql);
            EnrollmentRows rows = new EnrollmentRows();
            List<EnrollmentRow> batch = new ArrayList<>(BATCH);
            long reading = 0;
            long parsing = 0;
            while (true) {
                long t0 = System.nanoTime();
                byte[] row = out.readFromCopy();
                long t1 = System.nanoTime();
                reading += t1 - t0;
                if (row == null) {
                    break;
                }
                EnrollmentRow parsed = rows.parse(row);
                if (parsed != null) {
                    batch.add(parsed);
                }
                parsing += System.nanoTime() - t1;
                if (batch.size() == BATCH) {
                    if (!hand(batch)) {
                        out.cancelCopy();
                        return;
                    }
                    batch = new ArrayList<>(BATCH);
                }
            }
            readNanos = reading;
            parseNanos = parsing;
            if (!batch.isEmpty()) {
                hand(batch);
            }
        } catch (Throwable e) {
            failure = e;
            cancelQuietly(out);
        } finally {
            cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
            try {
                hand(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next batch, or an empty list at the end. */
    List<EnrollmentRow> next() throws InterruptedException {
        return queue.take();
    }

    /** Stops reading (the consumer failed): the thread cancels the COPY and ends. */
    void cancel() {
        cancelled = true;
        queue.clear();
    }

    Throwable failure() {
        return failure;
    }

    /** Time spent waiting for and receiving rows from PostgreSQL (its join and scan), and parsing them. */
    long readMillis() {
        return readNanos / 1_000_000;
    }

    long parseMillis() {
        return parseNanos / 1_000_000;
    }

    /** CPU time of the reading thread (on a busy machine its wall times include waiting for a core). */
    long cpuMillis() {
        return cpuNanos / 1_000_000;
    }

    private boolean hand(List<EnrollmentRow> batch) throws InterruptedException {
        while (!cancelled) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private static void cancelQuietly(CopyOut out) {
        if (out != null && out.isActive()) {
            try {
                out.cancelCopy();
            } catch (SQLException ignored) {
                // The read transaction is rolled back anyway; the original failure is what counts.
            }
        }
    }
}
