package cn.canbao.collection.reconciliation;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/** Reconciliation runs and their worklist items. */
@Repository
public class ReconciliationRepository {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public ReconciliationRepository(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public long createRun(int coverageYear, String user) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO reconciliation_run (coverage_year, started_by) VALUES (?, ?)", new String[] {"id"});
            ps.setInt(1, coverageYear);
            ps.setString(2, user);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void finishRun(long runId, Reconciler.Summary summary) {
        jdbc.update("UPDATE reconciliation_run SET finished_at = now(), people = ?, enrollments = ?, records = ?, agreeing = ?, "
                + "fully_paid = ? WHERE id = ?", summary.people(), summary.enrollments(), summary.records(), summary.agreeing(),
                summary.fullyPaid(), runId);
    }

    /** Copies item lines ({@link #csvLine}) of one run. */
    public long copyItems(Reader csvLines) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY reconciliation_item (run_id, category, id_number, name, "
                    + "coverage_year, region_code, county_code, enrollment_region, payment_region, assessed_fen, net_paid_fen, amount_fen, "
                    + "transaction_ids, reason) FROM STDIN (FORMAT csv)", csvLines);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of reconciliation items failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    public static String csvLine(long runId, Difference d) {
        return runId + "," + d.category().name() + "," + d.idNumber() + "," + quote(d.name()) + "," + d.coverageYear() + ","
                + d.worklistRegion().value() + "," + d.worklistRegion().countyCode() + "," + d.enrollmentRegion().map(RegionCode::value).orElse("") + ","
                + d.paymentRegion().map(RegionCode::value).orElse("") + "," + d.assessedAmount().map(m -> String.valueOf(m.fen())).orElse("")
                + "," + d.netPaid().fen() + "," + d.amount().fen() + "," + quote(String.join(" ", d.transactionIds())) + ","
                + quote(d.reason()) + "\n";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** The latest finished run of the year. */
    public Optional<ReconciliationRun> latestRun(int coverageYear) {
        return jdbc.query("SELECT * FROM reconciliation_run WHERE coverage_year = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1",
                (rs, i) -> new ReconciliationRun(rs.getLong("id"), rs.getInt("coverage_year"), rs.getString("started_by"),
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(), rs.getLong("people"),
                        rs.getLong("enrollments"), rs.getLong("records"), rs.getLong("agreeing"), rs.getLong("fully_paid")),
                coverageYear).stream().findFirst();
    }

    /** Counts per category of a run within a region. */
    public List<CategoryCount> counts(long runId, RegionCode scope) {
        return jdbc.query("SELECT category, count(*), coalesce(sum(amount_fen), 0) FROM reconciliation_item WHERE run_id = ? "
                + "AND region_code LIKE ? GROUP BY category ORDER BY category", (rs, i) -> new CategoryCount(
                        DifferenceCategory.valueOf(rs.getString(1)), rs.getLong(2), Money.ofFen(rs.getLong(3))),
                runId, scope.likePattern());
    }

    /** One worklist: the items of a run in a category within a region, by region then ID number. */
    public List<Difference> items(long runId, DifferenceCategory category, RegionCode scope, int limit, int offset) {
        return jdbc.query("SELECT * FROM reconciliation_item WHERE run_id = ? AND category = ? AND region_code LIKE ? "
                + "ORDER BY region_code, id_number LIMIT ? OFFSET ?", (rs, i) -> new Difference(
                        DifferenceCategory.valueOf(rs.getString("category")), rs.getString("id_number"), rs.getString("name"),
                        rs.getInt("coverage_year"), Optional.ofNullable(rs.getString("enrollment_region")).map(RegionCode::of),
                        Optional.ofNullable(rs.getString("payment_region")).map(RegionCode::of),
                        Optional.ofNullable((Long) rs.getObject("assessed_fen")).map(Money::ofFen), Money.ofFen(rs.getLong("net_paid_fen")),
                        Money.ofFen(rs.getLong("amount_fen")), Arrays.asList(rs.getString("transaction_ids").split(" ")), rs.getString("reason")),
                runId, category.name(), scope.likePattern(), limit, offset);
    }

    /** A run's header. */
    public record ReconciliationRun(long id, int coverageYear, String startedBy, Instant startedAt, Instant finishedAt,
                                    long people, long enrollments, long records, long agreeing, long fullyPaid) {
    }

    /** How many items of a category, and their amount. */
    public record CategoryCount(DifferenceCategory category, long items, Money amount) {
    }
}
