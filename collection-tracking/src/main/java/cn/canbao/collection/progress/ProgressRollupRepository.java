package cn.canbao.collection.progress;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Keeps the progress rollups in step with people's statuses, incrementally: the new statuses are
 * compared with the stored ones, only the differences become +1/-1 deltas per village and day,
 * the deltas are added up the region chain, and each region's cumulative rows from the delta's day
 * on are adjusted. A page view then reads one row per region. All methods run in the caller's
 * transaction.
 */
@Repository
public class ProgressRollupRepository {

    private static final Logger log = LoggerFactory.getLogger(ProgressRollupRepository.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public ProgressRollupRepository(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Opens the transaction-local table the new statuses are copied into. */
    public void createNewStatusTable() {
        jdbc.execute("DROP TABLE IF EXISTS new_status");
        jdbc.execute("CREATE TEMP TABLE new_status (coverage_year smallint NOT NULL, id_number varchar(18) COLLATE \"C\" NOT NULL, "
                + "region_code varchar(12), registered_on date, newly_registered boolean NOT NULL, special boolean NOT NULL, "
                + "paid_on date, net_paid_fen bigint NOT NULL) ON COMMIT DROP");
    }

    /** Copies status lines ({@link PersonStatus#csvLine()}) into the new-status table. */
    private long copyNewStatus(Reader csvLines) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY new_status FROM STDIN (FORMAT csv)", csvLines);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of person statuses failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Opens a COPY into the new-status table on the transaction's connection: status lines
     * ({@link PersonStatus#csvLine()}) written to it go to the server while the caller is still
     * producing them. Close it before the next statement of the transaction.
     */
    public Writer streamNewStatus() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), "COPY new_status FROM STDIN (FORMAT csv)",
                    1 << 16);
            return new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        if (copy.isActive()) {
                            try {
                                copy.cancelCopy();
                            } catch (SQLException e) {
                                throw new IOException("cancelling the COPY of person statuses failed", e);
                            }
                        }
                        DataSourceUtils.releaseConnection(connection, dataSource);
                    }
                }
            };
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("COPY of person statuses failed", e);
        }
    }

    /** Replaces the statuses of a few people (the single-record API) and adjusts the rollups. */
    public void replace(int coverageYear, Collection<PersonStatus> statuses) {
        createNewStatusTable();
        StringBuilder lines = new StringBuilder();
        statuses.forEach(s -> lines.append(s.csvLine()));
        copyNewStatus(new StringReader(lines.toString()));
        apply(coverageYear, false);
    }

    /**
     * Compares {@code new_status} with the stored statuses and applies the difference.
     *
     * @param wholeYear the new statuses are every person of the year: stored people missing from
     *     them are gone (a reconciliation run); otherwise only the people in new_status are touched
     */
    public void apply(int coverageYear, boolean wholeYear) {
        sql("ANALYZE new_status");
        boolean firstOfYear = !Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM collection_person_status WHERE coverage_year = ?)", Boolean.class, coverageYear));
        String old = wholeYear
                ? "SELECT * FROM collection_person_status WHERE coverage_year = " + coverageYear
                : "SELECT * FROM collection_person_status WHERE coverage_year = " + coverageYear
                        + " AND id_number IN (SELECT id_number FROM new_status)";
        sql("DROP TABLE IF EXISTS progress_delta");
        sql("CREATE TEMP TABLE progress_delta ON COMMIT DROP AS "
                + "WITH changed AS (SELECT o.region_code AS o_region, o.registered_on AS o_reg, o.newly_registered AS o_new, "
                + "o.special AS o_special, o.paid_on AS o_paid, n.region_code AS n_region, n.registered_on AS n_reg, "
                + "n.newly_registered AS n_new, n.special AS n_special, n.paid_on AS n_paid "
                + "FROM (" + old + ") o FULL JOIN new_status n ON n.id_number = o.id_number "
                + "WHERE (o.region_code, o.registered_on, o.newly_registered, o.special, o.paid_on) IS DISTINCT FROM "
                + "(n.region_code, n.registered_on, n.newly_registered, n.special, n.paid_on)), "
                + "village AS ("
                + "SELECT o_region AS region_code, o_reg AS day, -1 AS d_enrolled, -(o_new::int) AS d_new, 0 AS d_paid, "
                + "-(o_special::int) AS d_special_enrolled, 0 AS d_special_paid FROM changed WHERE o_region IS NOT NULL AND o_reg IS NOT NULL "
                + "UNION ALL SELECT o_region, o_paid, 0, 0, -1, 0, -(o_special::int) FROM changed WHERE o_region IS NOT NULL AND o_paid IS NOT NULL "
                + "UNION ALL SELECT n_region, n_reg, 1, n_new::int, 0, n_special::int, 0 FROM changed WHERE n_region IS NOT NULL AND n_reg IS NOT NULL "
                + "UNION ALL SELECT n_region, n_paid, 0, 0, 1, 0, n_special::int FROM changed WHERE n_region IS NOT NULL AND n_paid IS NOT NULL), "
                + "by_village AS (SELECT region_code, day, sum(d_enrolled) AS d_enrolled, sum(d_new) AS d_new, sum(d_paid) AS d_paid, "
                + "sum(d_special_enrolled) AS d_special_enrolled, sum(d_special_paid) AS d_special_paid FROM village GROUP BY region_code, day) "
                + "SELECT chain.code::varchar(12) AS region_code, v.day, sum(v.d_enrolled)::bigint AS d_enrolled, sum(v.d_new)::bigint AS d_new, "
                + "sum(v.d_paid)::bigint AS d_paid, sum(v.d_special_enrolled)::bigint AS d_special_enrolled, "
                + "sum(v.d_special_paid)::bigint AS d_special_paid "
                + "FROM by_village v CROSS JOIN LATERAL unnest(collection_region_chain(v.region_code)) AS chain(code) "
                + "GROUP BY chain.code, v.day HAVING sum(v.d_enrolled) <> 0 OR sum(v.d_new) <> 0 OR sum(v.d_paid) <> 0 "
                + "OR sum(v.d_special_enrolled) <> 0 OR sum(v.d_special_paid) <> 0");
        applyDeltas(coverageYear);
        if (wholeYear && !firstOfYear) {
            sql("DELETE FROM collection_person_status o WHERE o.coverage_year = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM new_status n WHERE n.id_number = o.id_number)", coverageYear);
        }
        if (firstOfYear) {
            // Nothing stored for the year yet: every status is new, no comparison or conflict handling needed.
            sql("INSERT INTO collection_person_status (coverage_year, id_number, region_code, registered_on, newly_registered, "
                    + "special, paid_on, net_paid_fen) SELECT coverage_year, id_number, region_code, registered_on, newly_registered, "
                    + "special, paid_on, net_paid_fen FROM new_status");
            return;
        }
        sql("INSERT INTO collection_person_status (coverage_year, id_number, region_code, registered_on, newly_registered, "
                + "special, paid_on, net_paid_fen) SELECT n.coverage_year, n.id_number, n.region_code, n.registered_on, n.newly_registered, "
                + "n.special, n.paid_on, n.net_paid_fen FROM new_status n LEFT JOIN collection_person_status o "
                + "ON o.coverage_year = n.coverage_year AND o.id_number = n.id_number "
                + "WHERE (o.region_code, o.registered_on, o.newly_registered, o.special, o.paid_on, o.net_paid_fen) IS DISTINCT FROM "
                + "(n.region_code, n.registered_on, n.newly_registered, n.special, n.paid_on, n.net_paid_fen) "
                + "ON CONFLICT (coverage_year, id_number) DO UPDATE SET region_code = excluded.region_code, "
                + "registered_on = excluded.registered_on, newly_registered = excluded.newly_registered, special = excluded.special, "
                + "paid_on = excluded.paid_on, net_paid_fen = excluded.net_paid_fen");
    }

    private void sql(String statement, Object... args) {
        long start = System.nanoTime();
        if (args.length == 0) {
            jdbc.execute(statement);
        } else {
            jdbc.update(statement, args);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} ms: {}", (System.nanoTime() - start) / 1_000_000, statement.substring(0, Math.min(90, statement.length())));
        }
    }

    /**
     * Adds {@code progress_delta} (region, day, deltas) to the cumulative rows of those regions in
     * one set-based pass: for every affected region, the old series (carried forward over the
     * days that had no row) plus the running sum of the deltas, written back as an upsert.
     */
    private void applyDeltas(int coverageYear) {
        sql("ANALYZE progress_delta");
        sql("INSERT INTO progress_cumulative (coverage_year, region_code, county_code, day, enrolled, newly_registered, paid, "
                + "special_enrolled, special_paid) SELECT ?, region_code, left(region_code, 6), day, "
                + "coalesce(first_value(c_enrolled) OVER g, 0) + sum(d_enrolled) OVER r, "
                + "coalesce(first_value(c_new) OVER g, 0) + sum(d_new) OVER r, "
                + "coalesce(first_value(c_paid) OVER g, 0) + sum(d_paid) OVER r, "
                + "coalesce(first_value(c_special_enrolled) OVER g, 0) + sum(d_special_enrolled) OVER r, "
                + "coalesce(first_value(c_special_paid) OVER g, 0) + sum(d_special_paid) OVER r "
                + "FROM (SELECT k.region_code, k.day, c.enrolled AS c_enrolled, c.newly_registered AS c_new, c.paid AS c_paid, "
                + "c.special_enrolled AS c_special_enrolled, c.special_paid AS c_special_paid, "
                + "coalesce(x.d_enrolled, 0) AS d_enrolled, coalesce(x.d_new, 0) AS d_new, coalesce(x.d_paid, 0) AS d_paid, "
                + "coalesce(x.d_special_enrolled, 0) AS d_special_enrolled, coalesce(x.d_special_paid, 0) AS d_special_paid, "
                + "count(c.day) OVER (PARTITION BY k.region_code ORDER BY k.day) AS grp "
                + "FROM (SELECT region_code, day FROM progress_cumulative WHERE coverage_year = ? "
                + "AND region_code IN (SELECT region_code FROM progress_delta) UNION SELECT region_code, day FROM progress_delta) k "
                + "LEFT JOIN progress_cumulative c ON c.coverage_year = ? AND c.region_code = k.region_code AND c.day = k.day "
                + "LEFT JOIN progress_delta x ON x.region_code = k.region_code AND x.day = k.day) s "
                + "WINDOW g AS (PARTITION BY region_code, grp ORDER BY day), r AS (PARTITION BY region_code ORDER BY day) "
                + "ON CONFLICT (coverage_year, region_code, day, county_code) DO UPDATE SET enrolled = excluded.enrolled, "
                + "newly_registered = excluded.newly_registered, paid = excluded.paid, special_enrolled = excluded.special_enrolled, "
                + "special_paid = excluded.special_paid", coverageYear, coverageYear, coverageYear);
    }
}
