package cn.canbao.collection.payment;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.canbao.collection.SnapshotCopyReader;
import cn.canbao.collection.reconciliation.BalanceLine;
import cn.canbao.collection.reconciliation.ControlTotal;
import cn.canbao.collection.reconciliation.ControlTotalCheck;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * The append-only payment ledger and its import batches. Bulk rows go through COPY into a
 * transaction-local staging table and then into the ledger with ON CONFLICT DO NOTHING, so a
 * re-import writes nothing and a million rows take seconds.
 */
@Repository
public class PaymentRepository {

    static final String COLUMNS = "transaction_id, coverage_year, id_number, name, amount_fen, channel, paid_at, "
            + "collecting_unit, collecting_region, kind, reverses";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public PaymentRepository(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Result of writing one record. */
    public enum WriteOutcome { INSERTED, ALREADY_PRESENT, CONFLICT }

    public long createBatch(String fileName, String sha256, String format, RegionCode region, String user) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO payment_import_batch (file_name, file_sha256, format, region_code, imported_by) "
                    + "VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, fileName);
            ps.setString(2, sha256);
            ps.setString(3, format);
            ps.setString(4, region.value());
            ps.setString(5, user);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void finishBatch(long batchId, long read, long inserted, long alreadyPresent, long rejected) {
        jdbc.update("UPDATE payment_import_batch SET finished_at = now(), rows_read = ?, rows_inserted = ?, "
                + "rows_already_present = ?, rows_rejected = ? WHERE id = ?", read, inserted, alreadyPresent, rejected, batchId);
    }

    /** An earlier finished batch of exactly these bytes, if any. */
    public Optional<Long> batchWithHash(String sha256) {
        return jdbc.query("SELECT id FROM payment_import_batch WHERE file_sha256 = ? AND finished_at IS NOT NULL ORDER BY id LIMIT 1",
                (rs, i) -> rs.getLong(1), sha256).stream().findFirst();
    }

    public void saveErrors(long batchId, List<RowError> errors) {
        jdbc.batchUpdate("INSERT INTO payment_import_error (batch_id, line, field, reason) VALUES (?, ?, ?, ?)", errors, 1000,
                (ps, e) -> {
                    ps.setLong(1, batchId);
                    ps.setLong(2, e.line());
                    ps.setString(3, e.field());
                    ps.setString(4, e.reason());
                });
    }

    public Optional<PaymentBatch> batch(long batchId) {
        return jdbc.query("SELECT * FROM payment_import_batch WHERE id = ?", BATCH, batchId).stream().findFirst();
    }

    /** Batches imported by users at or below the region, newest first. */
    public List<PaymentBatch> batchesWithin(RegionCode scope, int limit) {
        return jdbc.query("SELECT * FROM payment_import_batch WHERE region_code LIKE ? ORDER BY id DESC LIMIT ?", BATCH,
                scope.likePattern(), limit);
    }

    /** A batch to check: rows were rejected, the file was refused, or a collecting unit's totals do not balance. */
    private static final String TO_CHECK = "region_code LIKE ? AND (rows_rejected > 0 OR file_error IS NOT NULL OR EXISTS ("
            + "SELECT 1 FROM payment_control_total c WHERE c.batch_id = payment_import_batch.id "
            + "AND (NOT c.ledgers_agree OR c.funds_agree = false)))";

    /** Batches at or below the region that need a look (see {@link #TO_CHECK}), newest first. */
    public List<PaymentBatch> batchesToCheck(RegionCode scope, int limit) {
        return jdbc.query("SELECT * FROM payment_import_batch WHERE " + TO_CHECK + " ORDER BY id DESC LIMIT ?", BATCH,
                scope.likePattern(), limit);
    }

    public long countBatchesToCheck(RegionCode scope) {
        return jdbc.queryForObject("SELECT count(*) FROM payment_import_batch WHERE " + TO_CHECK, Long.class, scope.likePattern());
    }

    private static final RowMapper<PaymentBatch> BATCH = (rs, i) -> new PaymentBatch(rs.getLong("id"), rs.getString("file_name"),
            rs.getString("format"), RegionCode.of(rs.getString("region_code")), rs.getString("imported_by"),
            rs.getTimestamp("started_at").toInstant(), Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant),
            rs.getLong("rows_read"), rs.getLong("rows_inserted"), rs.getLong("rows_already_present"), rs.getLong("rows_rejected"));

    public List<BalanceLine> balance(long batchId) {
        List<BalanceLine> lines = jdbc.query("SELECT * FROM payment_control_total WHERE batch_id = ?", (rs, i) -> {
            Channel channel = Channel.valueOf(rs.getString("channel"));
            Optional<ControlTotal> control = rs.getObject("stated_count") == null ? Optional.empty()
                    : Optional.of(new ControlTotal(rs.getString("collecting_unit"), channel, rs.getLong("stated_count"),
                            Money.ofFen(rs.getLong("stated_net_fen")),
                            Optional.ofNullable((Long) rs.getObject("received_fen")).map(Money::ofFen)));
            return new BalanceLine(rs.getString("collecting_unit"), channel, rs.getLong("record_count"), Money.ofFen(rs.getLong("record_net_fen")),
                    control, rs.getBoolean("ledgers_agree"), Optional.ofNullable((Boolean) rs.getObject("funds_agree")));
        }, batchId);
        lines.sort(ControlTotalCheck.ORDER);
        return lines;
    }

    public List<RowError> errors(long batchId, int limit) {
        return jdbc.query("SELECT line, field, reason FROM payment_import_error WHERE batch_id = ? ORDER BY line, field LIMIT ?",
                (rs, i) -> new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)), batchId, limit);
    }

    public void saveBalance(long batchId, List<BalanceLine> lines) {
        jdbc.batchUpdate("INSERT INTO payment_control_total (batch_id, collecting_unit, channel, stated_count, stated_net_fen, "
                + "received_fen, record_count, record_net_fen, ledgers_agree, funds_agree) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lines, 1000, (ps, l) -> {
                    ps.setLong(1, batchId);
                    ps.setString(2, l.collectingUnit());
                    ps.setString(3, l.channel().name());
                    ps.setObject(4, l.control().map(c -> c.recordCount()).orElse(null));
                    ps.setObject(5, l.control().map(c -> c.netAmount().fen()).orElse(null));
                    ps.setObject(6, l.control().flatMap(c -> c.receivedAmount()).map(Money::fen).orElse(null));
                    ps.setLong(7, l.recordCount());
                    ps.setLong(8, l.netAmount().fen());
                    ps.setBoolean(9, l.ledgersAgree());
                    ps.setObject(10, l.fundsAgree().orElse(null));
                });
    }

    /**
     * Writes one record (the single-record API): new, already there identically, or a conflict. The key includes the
     * collecting county (V81); a transaction belongs to one collecting region, so that is the key it always had.
     */
    public WriteOutcome insertOne(TaxPaymentRecord r, String user) {
        int inserted = jdbc.update("INSERT INTO payment_record (" + COLUMNS + ", county_code, recorded_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id, coverage_year, county_code) DO NOTHING",
                r.transactionId(), r.coverageYear(), r.idNumber(), r.name(), r.amount().fen(), r.channel().name(),
                Timestamp.valueOf(r.paidAt()), r.collectingUnit(), r.collectingRegion().value(), r.kind().name(),
                r.reverses().orElse(null), r.collectingRegion().countyCode(), user);
        if (inserted == 1) {
            return WriteOutcome.INSERTED;
        }
        return find(r.transactionId(), r.coverageYear(), r.collectingRegion().countyCode()).filter(r::equals).isPresent()
                ? WriteOutcome.ALREADY_PRESENT : WriteOutcome.CONFLICT;
    }

    /** The record of a key: transaction id, coverage year and collecting county. */
    public Optional<TaxPaymentRecord> find(String transactionId, int coverageYear, String countyCode) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment_record WHERE transaction_id = ? AND coverage_year = ? AND county_code = ?",
                RECORD, transactionId, coverageYear, countyCode).stream().findFirst();
    }

    public List<TaxPaymentRecord> ofPerson(int coverageYear, String idNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM payment_record WHERE coverage_year = ? AND id_number = ? "
                + "ORDER BY paid_at, transaction_id", RECORD, coverageYear, idNumber);
    }

    /**
     * Every record of the year in ID-number order, read by COPY on a connection of its own that sees
     * the exported snapshot of the caller's transaction; close the reader.
     */
    public SnapshotCopyReader<TaxPaymentRecord> readSorted(String snapshotId, int coverageYear) {
        return new SnapshotCopyReader<>(dataSource, snapshotId, "COPY (SELECT " + COLUMNS + " FROM payment_record WHERE coverage_year = "
                + coverageYear + " ORDER BY id_number) TO STDOUT (FORMAT csv)", PaymentRepository::fromCsv, "payment-reader");
    }

    static TaxPaymentRecord fromCsv(String[] f) {
        return new TaxPaymentRecord(f[0], f[2], f[3], Money.ofFen(Long.parseLong(f[4])), Integer.parseInt(f[1]), Channel.valueOf(f[5]),
                SnapshotCopyReader.timestamp(f[6]), f[7], RegionCode.of(f[8]), PaymentKind.valueOf(f[9]), Optional.ofNullable(f[10]));
    }

    public long countRecords(int coverageYear) {
        return jdbc.queryForObject("SELECT count(*) FROM payment_record WHERE coverage_year = ?", Long.class, coverageYear);
    }

    /** Maps the columns of {@link #COLUMNS} by position (the streaming read maps millions of rows). */
    public static final RowMapper<TaxPaymentRecord> RECORD = (ResultSet rs, int i) -> new TaxPaymentRecord(
            rs.getString(1), rs.getString(3), rs.getString(4), Money.ofFen(rs.getLong(5)), rs.getInt(2),
            Channel.valueOf(rs.getString(6)), rs.getObject(7, LocalDateTime.class), rs.getString(8), RegionCode.of(rs.getString(9)),
            PaymentKind.valueOf(rs.getString(10)), Optional.ofNullable(rs.getString(11)));

    /** Opens a staging table on the current transaction's connection; rows are streamed by COPY. */
    public Staging openStaging(long batchId, String user) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (var st = connection.createStatement()) {
                st.execute("CREATE TEMP TABLE payment_staging (line bigint NOT NULL, " + "transaction_id varchar(64), coverage_year smallint, "
                        + "id_number varchar(18) COLLATE \"C\", name varchar(100), amount_fen bigint, channel varchar(20), paid_at timestamp, "
                        + "collecting_unit varchar(100), collecting_region varchar(12), kind varchar(10), reverses varchar(64)) ON COMMIT DROP");
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY payment_staging (line, " + COLUMNS + ") FROM STDIN (FORMAT csv)");
            return new Staging(connection, copy, batchId, user);
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("cannot open the payment staging table", e);
        }
    }

    /** The rows of one import on their way into the ledger. */
    public final class Staging {
        private final Connection connection;
        private final CopyIn copy;
        private final long batchId;
        private final String user;
        private final StringBuilder buffer = new StringBuilder(1 << 16);

        private Staging(Connection connection, CopyIn copy, long batchId, String user) {
            this.connection = connection;
            this.copy = copy;
            this.batchId = batchId;
            this.user = user;
        }

        public void add(long line, TaxPaymentRecord r) {
            buffer.append(line).append(',');
            csv(r.transactionId()).append(',').append(r.coverageYear()).append(',').append(r.idNumber()).append(',');
            csv(r.name()).append(',').append(r.amount().fen()).append(',').append(r.channel().name()).append(',')
                    .append(Timestamp.valueOf(r.paidAt())).append(',');
            csv(r.collectingUnit()).append(',').append(r.collectingRegion().value()).append(',').append(r.kind().name()).append(',');
            r.reverses().ifPresent(this::csv);
            buffer.append('\n');
            if (buffer.length() > 60_000) {
                flush();
            }
        }

        private StringBuilder csv(String text) {
            return buffer.append('"').append(text.replace("\"", "\"\"")).append('"');
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into the payment staging table failed", e);
            }
            buffer.setLength(0);
        }

        /** Cancels an unfinished COPY, so that the failed import's transaction can be rolled back. */
        public void abandon() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // The rollback that follows fails too and reports the connection's state.
            }
        }

        /** Moves the staged rows into the ledger; returns what happened and the conflicting rows. */
        public MergeResult merge() {
            try {
                flush();
                copy.endCopy();
                long inserted;
                try (var st = connection.prepareStatement("WITH ins AS (INSERT INTO payment_record (" + COLUMNS + ", county_code, "
                        + "batch_id, recorded_by) SELECT " + COLUMNS + ", left(collecting_region, 6), ?, ? FROM payment_staging ORDER BY line "
                        + "ON CONFLICT (transaction_id, coverage_year, county_code) DO NOTHING RETURNING 1) SELECT count(*) FROM ins")) {
                    st.setLong(1, batchId);
                    st.setString(2, user);
                    try (var rs = st.executeQuery()) {
                        rs.next();
                        inserted = rs.getLong(1);
                    }
                }
                List<RowError> conflicts = new ArrayList<>();
                long staged;
                try (var st = connection.createStatement()) {
                    try (var rs = st.executeQuery("SELECT count(*) FROM payment_staging")) {
                        rs.next();
                        staged = rs.getLong(1);
                    }
                    try (var rs = st.executeQuery("SELECT s.line, s.transaction_id FROM payment_staging s JOIN payment_record p "
                            + "ON p.transaction_id = s.transaction_id AND p.coverage_year = s.coverage_year "
                            + "AND p.county_code = left(s.collecting_region, 6) WHERE (s.id_number, s.name, s.amount_fen, s.channel, s.paid_at, "
                            + "s.collecting_unit, s.collecting_region, s.kind, s.reverses) IS DISTINCT FROM (p.id_number, p.name, "
                            + "p.amount_fen, p.channel, p.paid_at, p.collecting_unit, p.collecting_region, p.kind, p.reverses) ORDER BY s.line")) {
                        while (rs.next()) {
                            conflicts.add(new RowError(rs.getLong(1), PaymentField.TRANSACTION_ID.header(),
                                    "交易流水号" + rs.getString(2) + "已登记为内容不同的另一笔记录，未导入"));
                        }
                    }
                }
                return new MergeResult(staged, inserted, staged - inserted - conflicts.size(), conflicts);
            } catch (SQLException e) {
                throw new IllegalStateException("merging staged payments failed", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /** Staged rows, how many were new, how many were already recorded identically, and the conflicts. */
    public record MergeResult(long staged, long inserted, long alreadyPresent, List<RowError> conflicts) {
    }
}
