package cn.canbao.collection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams the rows of {@code COPY (query) TO STDOUT (FORMAT csv)} on a connection of its own that
 * imports an exported snapshot, so several large reads run in parallel (server and parsing) and
 * still see exactly the data of the exporting transaction. Rows are parsed on a background thread
 * and handed over in batches through a bounded queue: memory stays constant.
 */
public final class SnapshotCopyReader<T> implements Iterator<T>, AutoCloseable {

    private static final int BATCH = 2_000;
    private static final List<Object> END = List.of();

    private final BlockingQueue<List<?>> queue = new ArrayBlockingQueue<>(16);
    private final Thread worker;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private Iterator<?> current = List.of().iterator();
    private boolean finished;

    public SnapshotCopyReader(DataSource dataSource, String snapshotId, String copySql, Function<String[], T> mapper, String name) {
        worker = new Thread(() -> read(dataSource, snapshotId, copySql, mapper), name);
        worker.setDaemon(true);
        worker.start();
    }

    private void read(DataSource dataSource, String snapshotId, String copySql, Function<String[], T> mapper) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
                // A year's rows are sorted in memory rather than in temporary files.
                st.execute("SET LOCAL work_mem = '128MB'");
            }
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
            List<Object> batch = new ArrayList<>(BATCH);
            byte[] line;
            while (!closed && (line = copy.readFromCopy()) != null) {
                batch.add(mapper.apply(splitCsv(new String(line, StandardCharsets.UTF_8))));
                if (batch.size() == BATCH) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (closed && copy.isActive()) {
                copy.cancelCopy();
            }
            connection.rollback();
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e instanceof RuntimeException r ? r : new IllegalStateException("reading " + copySql + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (finished) {
                return false;
            }
            try {
                List<?> batch = queue.take();
                if (batch == END) {
                    finished = true;
                    if (failure != null) {
                        throw failure;
                    }
                    return false;
                }
                current = batch.iterator();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return (T) current.next();
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        worker.interrupt();
    }

    /** A PostgreSQL date as COPY prints it ({@code 2024-10-08}), without a formatter: read a million times per run. */
    public static LocalDate date(String text) {
        if (text.length() != 10) {
            return LocalDate.parse(text);
        }
        return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10), Integer.parseInt(text, 8, 10, 10));
    }

    /** A PostgreSQL timestamp as COPY prints it ({@code 2024-10-08 09:30:00}, fractions only when present). */
    public static LocalDateTime timestamp(String text) {
        if (text.length() != 19) {
            return LocalDateTime.parse(text.replace(' ', 'T'));
        }
        return LocalDateTime.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10), Integer.parseInt(text, 8, 10, 10),
                Integer.parseInt(text, 11, 13, 10), Integer.parseInt(text, 14, 16, 10), Integer.parseInt(text, 17, 19, 10));
    }

    /**
     * Splits one line of PostgreSQL CSV output: an unquoted empty field is NULL (returned as null),
     * a quoted field may hold commas and doubled quotes. The trailing newline is ignored.
     */
    public static String[] splitCsv(String line) {
        List<String> fields = new ArrayList<>(12);
        int length = line.endsWith("\n") ? line.length() - 1 : line.length();
        int i = 0;
        while (true) {
            if (i < length && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < length) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < length && line.charAt(i + 1) == '"') {
                            value.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
                fields.add(value.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 || comma > length ? length : comma;
                fields.add(end == i ? null : line.substring(i, end));
                i = end;
            }
            if (i >= length) {
                break;
            }
            i++; // the comma
            if (i == length) {
                fields.add(null);
                break;
            }
        }
        return fields.toArray(new String[0]);
    }
}
