package cn.canbao.collection.progress;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
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
    public long copyNewStatus(Reader csvLines) {
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
        jdbc.execute("ANALYZE new_status");
        String old = wholeYear
                ? "SELECT * FROM collection_person_status WHERE coverage_year = " + coverageYear
                : "SELECT * FROM collection_person_status WHERE coverage_year = " + coverageYear
                        + " AND id_number IN (SELECT id_number FROM new_status)";
        jdbc.execute("DROP TABLE IF EXISTS progress_delta");
        jdbc.execute("CREATE TEMP TABLE progress_delta ON COMMIT DROP AS "
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
        if (wholeYear) {
            jdbc.update("DELETE FROM collection_person_status o WHERE o.coverage_year = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM new_status n WHERE n.id_number = o.id_number)", coverageYear);
        }
        jdbc.update("INSERT INTO collection_person_status (coverage_year, id_number, region_code, registered_on, newly_registered, "
                + "special, paid_on, net_paid_fen) SELECT n.coverage_year, n.id_number, n.region_code, n.registered_on, n.newly_registered, "
                + "n.special, n.paid_on, n.net_paid_fen FROM new_status n LEFT JOIN collection_person_status o "
                + "ON o.coverage_year = n.coverage_year AND o.id_number = n.id_number "
                + "WHERE (o.region_code, o.registered_on, o.newly_registered, o.special, o.paid_on, o.net_paid_fen) IS DISTINCT FROM "
                + "(n.region_code, n.registered_on, n.newly_registered, n.special, n.paid_on, n.net_paid_fen) "
                + "ON CONFLICT (coverage_year, id_number) DO UPDATE SET region_code = excluded.region_code, "
                + "registered_on = excluded.registered_on, newly_registered = excluded.newly_registered, special = excluded.special, "
                + "paid_on = excluded.paid_on, net_paid_fen = excluded.net_paid_fen");
    }

    /** Adds {@code progress_delta} (region, day, deltas) to the cumulative rows of those regions. */
    private void applyDeltas(int coverageYear) {
        jdbc.execute("ANALYZE progress_delta");
        // A day without a row yet starts from the region's totals of the latest earlier day.
        jdbc.update("INSERT INTO progress_cumulative (coverage_year, region_code, day, enrolled, newly_registered, paid, special_enrolled, "
                + "special_paid) SELECT ?, d.region_code, d.day, coalesce(p.enrolled, 0), coalesce(p.newly_registered, 0), "
                + "coalesce(p.paid, 0), coalesce(p.special_enrolled, 0), coalesce(p.special_paid, 0) FROM progress_delta d "
                + "LEFT JOIN LATERAL (SELECT * FROM progress_cumulative c WHERE c.coverage_year = ? AND c.region_code = d.region_code "
                + "AND c.day < d.day ORDER BY c.day DESC LIMIT 1) p ON true ON CONFLICT DO NOTHING", coverageYear, coverageYear);
        jdbc.execute("DROP TABLE IF EXISTS progress_delta_running");
        jdbc.execute("CREATE TEMP TABLE progress_delta_running ON COMMIT DROP AS SELECT region_code, day, "
                + "sum(d_enrolled) OVER w AS r_enrolled, sum(d_new) OVER w AS r_new, sum(d_paid) OVER w AS r_paid, "
                + "sum(d_special_enrolled) OVER w AS r_special_enrolled, sum(d_special_paid) OVER w AS r_special_paid "
                + "FROM progress_delta WINDOW w AS (PARTITION BY region_code ORDER BY day)");
        jdbc.execute("CREATE INDEX ON progress_delta_running (region_code, day)");
        jdbc.execute("ANALYZE progress_delta_running");
        // Every row on or after a delta's day gains the running sum of the deltas up to its day.
        jdbc.update("UPDATE progress_cumulative c SET enrolled = c.enrolled + u.r_enrolled, newly_registered = c.newly_registered + u.r_new, "
                + "paid = c.paid + u.r_paid, special_enrolled = c.special_enrolled + u.r_special_enrolled, "
                + "special_paid = c.special_paid + u.r_special_paid "
                + "FROM (SELECT c2.region_code, c2.day, r.r_enrolled, r.r_new, r.r_paid, r.r_special_enrolled, r.r_special_paid "
                + "FROM progress_cumulative c2 JOIN LATERAL (SELECT * FROM progress_delta_running r WHERE r.region_code = c2.region_code "
                + "AND r.day <= c2.day ORDER BY r.day DESC LIMIT 1) r ON true "
                + "WHERE c2.coverage_year = ? AND c2.region_code IN (SELECT DISTINCT region_code FROM progress_delta)) u "
                + "WHERE c.coverage_year = ? AND c.region_code = u.region_code AND c.day = u.day", coverageYear, coverageYear);
    }
}
