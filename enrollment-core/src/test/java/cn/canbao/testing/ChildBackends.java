package cn.canbao.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL backends of a {@link ChildJvm}'s connections, which name themselves with {@link #PROPERTY}. A kill
 * test holds a lock the child's import needs before its commit and kills the child once a backend waits for it:
 * killed at a known step, not after a guessed time.
 */
public final class ChildBackends {

    public static final String APPLICATION_NAME = "canbao-child-jvm";
    /** The Spring property that gives the child's pooled connections {@link #APPLICATION_NAME}. */
    public static final String PROPERTY = "spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME;

    private ChildBackends() {
    }

    /**
     * Locks the table in SHARE mode on a connection of its own until closed: readers go on, and the first INSERT,
     * UPDATE or ATTACH PARTITION of the child on it waits, inside the child's transaction.
     */
    public static HeldLock lockInShareMode(DataSource dataSource, String table) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement lock = connection.createStatement()) {
            connection.setAutoCommit(false);
            lock.execute("LOCK TABLE " + table + " IN SHARE MODE");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new HeldLock(connection);
    }

    /** A lock held in an open transaction; closing rolls the transaction back, which releases it. */
    public static final class HeldLock implements AutoCloseable {
        private final Connection connection;

        private HeldLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                connection.rollback();
            }
        }
    }

    public static boolean anyWaitingForALock(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND wait_event_type = 'Lock'")
                .param("name", APPLICATION_NAME).query(Long.class).single() > 0;
    }

    /**
     * Waits until the killed child's backends have ended: an idle one as soon as it reads the closed socket, one that
     * waited for a lock after the lock is released (its transaction then aborts).
     */
    public static void awaitGone(DataSource dataSource) throws InterruptedException {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name").param("name", APPLICATION_NAME)
                .query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("the killed child's backends ended within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
