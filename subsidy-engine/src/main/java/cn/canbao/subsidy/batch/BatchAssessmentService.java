package cn.canbao.subsidy.batch;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * Batch assessment of every active enrollment of a county and coverage year. Streams the enrollments (with their
 * identities and previous result) through one server-side cursor, skips those whose input fingerprint is unchanged,
 * assesses the rest with the policy calculator and writes with {@code COPY}: new results straight into
 * {@code assessment_result}, changed ones through a temporary table and one {@code UPDATE}. One transaction: a
 * failed run changes nothing.
 */
@Service
public class BatchAssessmentService {

    /** Results per COPY round trip. */
    private static final int CHUNK = 20_000;
    private static final int FETCH_SIZE = 10_000;

    static final String RESULT_COLUMNS = "coverage_year, county_code, enrollment_id, region_code, policy_version, "
            + "input_fingerprint, accepted, rejection_reason, standard_fen, personal_due_fen, subsidy_mode, rule_id, "
            + "deciding_identity, medical_assistance_fund_fen, disabled_persons_federation_fen, "
            + "rural_revitalization_bureau_fen, veterans_affairs_bureau_fen, government_fen, county_finance_fen, "
            + "refund_due_fen, person_paid, run_id";

    private static final String READ = """
            WITH latest AS (
                SELECT DISTINCT ON (resident_id, identity) resident_id, identity, valid_from, valid_to
                FROM person_identity
                WHERE coverage_year = ? AND county_code = ?
                ORDER BY resident_id, identity, id DESC),
            held AS (
                SELECT resident_id, string_agg(identity || ':' || coalesce(valid_to::text, ''), ',') AS identities
                FROM latest WHERE valid_from <= make_date(?, 12, 31)
                GROUP BY resident_id)
            SELECT e.id, e.region_code, e.category, e.status,
                   coalesce((e.paid_at AT TIME ZONE 'Asia/Shanghai')::date, (e.registered_at AT TIME ZONE 'Asia/Shanghai')::date) AS as_of,
                   r.birth_date, r.relation_to_head, held.identities,
                   a.input_fingerprint, a.accepted, a.personal_due_fen, a.rule_id,
                   a.medical_assistance_fund_fen + a.disabled_persons_federation_fen + a.rural_revitalization_bureau_fen
                     + a.veterans_affairs_bureau_fen + a.government_fen + a.county_finance_fen AS subsidy_fen
            FROM enrollment e
            JOIN resident r ON r.id = e.resident_id
            LEFT JOIN held ON held.resident_id = e.resident_id
            LEFT JOIN assessment_result a
              ON a.coverage_year = e.coverage_year AND a.county_code = e.county_code AND a.enrollment_id = e.id
            WHERE e.coverage_year = ? AND e.county_code = ? AND e.status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
            """;

    private final DataSource dataSource;
    private final PolicySource policies;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    public BatchAssessmentService(DataSource dataSource, PolicySource policies, JdbcClient jdbc, AuditLog audit) {
        this.dataSource = dataSource;
        this.policies = policies;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The assessor for a county and year; a region or year without policy is refused with the reason. */
    public BatchAssessor assessorFor(RegionCode county, int coverageYear) {
        if (county.level() != RegionLevel.COUNTY) {
            throw new IllegalArgumentException("batch assessment runs per county; " + county + " is a " + county.level());
        }
        PolicySource.Resolved resolved = policies.resolve(county, coverageYear);
        return new BatchAssessor(resolved.policy(), resolved.version());
    }

    public RunSummary run(Actor actor, RegionCode county, int coverageYear) {
        long started = System.nanoTime();
        BatchAssessor assessor = assessorFor(county, coverageYear);
        Counts counts = new Counts();
        long runId;
        try (Connection write = dataSource.getConnection(); Connection read = dataSource.getConnection()) {
            write.setAutoCommit(false);
            read.setAutoCommit(false);
            read.setReadOnly(true);
            try {
                try (var plan = read.createStatement()) {
                    // A county-wide pass joins whole tables: hash joins are right, and a nested loop chosen from
                    // stale statistics (right after a large import) would turn minutes into hours.
                    plan.execute("SET LOCAL enable_nestloop = off");
                }
                runId = startRun(write, county, coverageYear, assessor.policyVersion(), actor.username());
                try (var create = write.createStatement()) {
                    create.execute("CREATE TEMP TABLE assessment_update (LIKE assessment_result INCLUDING DEFAULTS) ON COMMIT DROP");
                }
                Writer writer = new Writer(write.unwrap(PGConnection.class).getCopyAPI(), county.value(), coverageYear, runId,
                        assessor.policyVersion());
                stream(read, county.value(), coverageYear, assessor, writer, counts);
                writer.flush();
                counts.removed = finish(write, county.value(), coverageYear, runId, counts);
                write.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                write.rollback();
                throw e;
            } finally {
                read.rollback();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("batch assessment of " + county + " " + coverageYear + " failed: " + e.getMessage(), e);
        }
        RunSummary summary = new RunSummary(runId, county.value(), coverageYear, assessor.policyVersion(), counts.enrollments,
                counts.unchanged, counts.created, counts.changed, counts.removed, counts.rejected,
                (System.nanoTime() - started) / 1_000_000);
        audit.recordIndependently(actor, AuditEntry.success("BATCH_ASSESSED", "assessment_run", runId, county.value(), null,
                Map.of("policyVersion", summary.policyVersion(), "enrollments", summary.enrollments(), "created", summary.created(),
                        "changed", summary.changed(), "unchanged", summary.unchanged(), "removed", summary.removed(),
                        "rejected", summary.rejected())));
        return summary;
    }

    private static long startRun(Connection write, RegionCode county, int year, String policyVersion, String by) throws SQLException {
        try (PreparedStatement insert = write.prepareStatement(
                "INSERT INTO assessment_run (coverage_year, county_code, policy_version, started_by) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setInt(1, year);
            insert.setString(2, county.value());
            insert.setString(3, policyVersion);
            insert.setString(4, by);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void stream(Connection read, String county, int year, BatchAssessor assessor, Writer writer, Counts counts)
            throws SQLException, IOException {
        try (PreparedStatement query = read.prepareStatement(READ)) {
            query.setFetchSize(FETCH_SIZE);
            query.setInt(1, year);
            query.setString(2, county);
            query.setInt(3, year);
            query.setInt(4, year);
            query.setString(5, county);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.enrollments++;
                    AssessmentInput input = input(rs);
                    long fingerprint = input.fingerprint(assessor.policyVersion());
                    long previous = rs.getLong("input_fingerprint");
                    boolean hadResult = !rs.wasNull();
                    if (hadResult && previous == fingerprint) {
                        counts.unchanged++;
                        continue;
                    }
                    AssessmentRow row = assessor.assess(input, fingerprint);
                    if (!row.accepted()) {
                        counts.rejected++;
                    }
                    if (hadResult) {
                        counts.changed++;
                        writer.changed(row, before(rs));
                    } else {
                        counts.created++;
                        writer.created(row);
                    }
                }
            }
        }
    }

    private static AssessmentChange before(ResultSet rs) throws SQLException {
        return new AssessmentChange(rs.getLong("id"), rs.getString("region_code"), Money.ofFen(rs.getLong("personal_due_fen")), null,
                Money.ofFen(rs.getLong("subsidy_fen")), null, rs.getString("rule_id"), null, rs.getBoolean("accepted"), false);
    }

    private static AssessmentInput input(ResultSet rs) throws SQLException {
        LocalDate asOf = rs.getObject("as_of", LocalDate.class);
        String status = rs.getString("status");
        return new AssessmentInput(rs.getLong("id"), rs.getString("region_code"), ParticipantCategory.valueOf(rs.getString("category")),
                rs.getObject("birth_date", LocalDate.class), identities(rs.getString("identities"), asOf),
                FamilyRoles.of(rs.getString("relation_to_head")), asOf, "PAID".equals(status) || "COVERED".equals(status));
    }

    /** "DIBAO:,MONITORED:2025-03-31": an identity counts when it has no end or ends on or after the as-of date. */
    static Set<Identity> identities(String held, LocalDate asOf) {
        EnumSet<Identity> result = EnumSet.noneOf(Identity.class);
        if (held == null) {
            return result;
        }
        for (String entry : held.split(",")) {
            int colon = entry.indexOf(':');
            String validTo = entry.substring(colon + 1);
            if (validTo.isEmpty() || !LocalDate.parse(validTo).isBefore(asOf)) {
                result.add(Identity.valueOf(entry.substring(0, colon)));
            }
        }
        return result;
    }

    private static long finish(Connection write, String county, int year, long runId, Counts counts) throws SQLException {
        try (var statement = write.createStatement()) {
            statement.executeUpdate("""
                    UPDATE assessment_result a SET policy_version = u.policy_version, input_fingerprint = u.input_fingerprint,
                      region_code = u.region_code, accepted = u.accepted, rejection_reason = u.rejection_reason,
                      standard_fen = u.standard_fen, personal_due_fen = u.personal_due_fen, subsidy_mode = u.subsidy_mode,
                      rule_id = u.rule_id, deciding_identity = u.deciding_identity,
                      medical_assistance_fund_fen = u.medical_assistance_fund_fen,
                      disabled_persons_federation_fen = u.disabled_persons_federation_fen,
                      rural_revitalization_bureau_fen = u.rural_revitalization_bureau_fen,
                      veterans_affairs_bureau_fen = u.veterans_affairs_bureau_fen, government_fen = u.government_fen,
                      county_finance_fen = u.county_finance_fen, refund_due_fen = u.refund_due_fen,
                      person_paid = u.person_paid, run_id = u.run_id, assessed_at = now()
                    FROM assessment_update u
                    WHERE a.coverage_year = u.coverage_year AND a.county_code = u.county_code AND a.enrollment_id = u.enrollment_id
                    """);
        }
        long removed;
        try (PreparedStatement delete = write.prepareStatement("""
                DELETE FROM assessment_result a WHERE a.coverage_year = ? AND a.county_code = ?
                  AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.id = a.enrollment_id AND e.coverage_year = a.coverage_year
                                  AND e.status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED'))
                """)) {
            delete.setInt(1, year);
            delete.setString(2, county);
            removed = delete.executeUpdate();
        }
        try (PreparedStatement update = write.prepareStatement("""
                UPDATE assessment_run SET finished_at = now(), enrollments = ?, unchanged = ?, created = ?, changed = ?,
                  removed = ?, rejected = ? WHERE id = ?
                """)) {
            update.setLong(1, counts.enrollments);
            update.setLong(2, counts.unchanged);
            update.setLong(3, counts.created);
            update.setLong(4, counts.changed);
            update.setLong(5, removed);
            update.setLong(6, counts.rejected);
            update.setLong(7, runId);
            update.executeUpdate();
        }
        return removed;
    }

    /** The latest runs of a county and year, newest first. */
    public List<RunSummary> runs(RegionCode county, int coverageYear, int limit) {
        return jdbc.sql("""
                SELECT * FROM assessment_run WHERE county_code = :county AND coverage_year = :year ORDER BY id DESC LIMIT :limit
                """).param("county", county.value()).param("year", coverageYear).param("limit", limit)
                .query((rs, i) -> new RunSummary(rs.getLong("id"), rs.getString("county_code"), rs.getInt("coverage_year"),
                        rs.getString("policy_version"), rs.getLong("enrollments"), rs.getLong("unchanged"), rs.getLong("created"),
                        rs.getLong("changed"), rs.getLong("removed"), rs.getLong("rejected"),
                        rs.getTimestamp("finished_at") == null ? -1
                                : rs.getTimestamp("finished_at").getTime() - rs.getTimestamp("started_at").getTime()))
                .list();
    }

    /** The county a run belongs to (for access checks), if the run exists. */
    public java.util.Optional<String> runCounty(long runId) {
        return jdbc.sql("SELECT county_code FROM assessment_run WHERE id = :id").param("id", runId).query(String.class).optional();
    }

    /** What a run changed, by enrollment id. */
    public List<AssessmentChange> changes(long runId, int limit, int offset) {
        return jdbc.sql("""
                SELECT * FROM assessment_change WHERE run_id = :run ORDER BY enrollment_id LIMIT :limit OFFSET :offset
                """).param("run", runId).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new AssessmentChange(rs.getLong("enrollment_id"), rs.getString("region_code"),
                        fen(rs, "before_personal_due_fen"), Money.ofFen(rs.getLong("after_personal_due_fen")),
                        fen(rs, "before_subsidy_fen"), Money.ofFen(rs.getLong("after_subsidy_fen")),
                        rs.getString("before_rule_id"), rs.getString("after_rule_id"),
                        (Boolean) rs.getObject("before_accepted"), rs.getBoolean("after_accepted")))
                .list();
    }

    private static Money fen(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Money.ofFen(value);
    }

    private static final class Counts {
        long enrollments;
        long unchanged;
        long created;
        long changed;
        long removed;
        long rejected;
    }

    /** Buffers rows as CSV and sends each full chunk with one COPY. */
    private static final class Writer {
        private final CopyManager copy;
        private final String prefix;
        private final String suffix;
        private final String county;
        private final long runId;
        private final String policyVersionColumn;
        private final StringBuilder created = new StringBuilder(1 << 20);
        private final StringBuilder changed = new StringBuilder();
        private final StringBuilder changes = new StringBuilder();
        private int rows;

        Writer(CopyManager copy, String county, int year, long runId, String policyVersion) {
            this.copy = copy;
            this.county = county;
            this.runId = runId;
            this.prefix = year + "," + county + ",";
            this.suffix = "," + runId + "\n";
            this.policyVersionColumn = policyVersion;
        }

        void created(AssessmentRow row) throws SQLException, IOException {
            append(created, row);
            if (++rows >= CHUNK) {
                flush();
            }
        }

        void changed(AssessmentRow row, AssessmentChange before) throws SQLException, IOException {
            append(changed, row);
            changes.append(runId).append(',').append(county).append(',').append(row.enrollmentId()).append(',')
                    .append(row.regionCode()).append(',').append(before.personalDueBefore().fen()).append(',')
                    .append(row.personalDue().fen()).append(',').append(before.subsidyBefore().fen()).append(',')
                    .append(row.subsidyTotal().fen()).append(',').append(nullable(before.ruleBefore())).append(',')
                    .append(nullable(row.ruleId())).append(',').append(before.acceptedBefore()).append(',')
                    .append(row.accepted()).append('\n');
            if (++rows >= CHUNK) {
                flush();
            }
        }

        private void append(StringBuilder out, AssessmentRow row) {
            out.append(prefix).append(row.enrollmentId()).append(',').append(row.regionCode()).append(',')
                    .append(policyVersionColumn).append(',').append(row.fingerprint()).append(',').append(row.accepted()).append(',')
                    .append(nullable(row.rejectionReason())).append(',')
                    .append(row.standard() == null ? "" : Long.toString(row.standard().fen())).append(',')
                    .append(row.personalDue().fen()).append(',')
                    .append(row.mode() == null ? "" : row.mode().name()).append(',')
                    .append(nullable(row.ruleId())).append(',')
                    .append(row.decidingIdentity() == null ? "" : row.decidingIdentity().name());
            for (Funder funder : Funder.values()) {
                out.append(',').append(row.part(funder).fen());
            }
            out.append(',').append(row.refundDue().fen()).append(',').append(row.personPaid()).append(suffix);
        }

        private static String nullable(String value) {
            return value == null ? "" : value;
        }

        void flush() throws SQLException, IOException {
            send("COPY assessment_result (" + RESULT_COLUMNS + ") FROM STDIN (FORMAT csv)", created);
            send("COPY assessment_update (" + RESULT_COLUMNS + ") FROM STDIN (FORMAT csv)", changed);
            send("COPY assessment_change (run_id, county_code, enrollment_id, region_code, before_personal_due_fen, "
                    + "after_personal_due_fen, before_subsidy_fen, after_subsidy_fen, before_rule_id, after_rule_id, "
                    + "before_accepted, after_accepted) FROM STDIN (FORMAT csv)", changes);
            rows = 0;
        }

        private void send(String sql, StringBuilder data) throws SQLException, IOException {
            if (!data.isEmpty()) {
                copy.copyIn(sql, new StringReader(data.toString()));
                data.setLength(0);
            }
        }
    }
}
