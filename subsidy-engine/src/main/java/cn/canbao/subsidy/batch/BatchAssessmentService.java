package cn.canbao.subsidy.batch;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.enrollment.enrollment.AssessmentResultRepository;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * Batch assessment of every active enrollment of a county and coverage year, as a stream that rebuilds the county's
 * results instead of updating them row by row (docs/subsidy.md "Batch assessment"):
 * <ol>
 * <li>the county-year lock first, so the read sees every single assessment committed before it and none can be
 *     written until the run ends;</li>
 * <li>one binary {@code COPY (SELECT ...) TO STDOUT} of the enrollments joined with their residents and their identities
 *     (aggregated per person), fully joined with the county's stored results, parsed from the bytes on a reading
 *     thread ({@link EnrollmentStream}); a stored result without an active enrollment is to be removed;</li>
 * <li>an enrollment whose fingerprint (inputs + policy version) equals its stored result's is not assessed again, and
 *     a re-assessment is compared with the stored outcome as it is written, so only real changes are listed;</li>
 * <li>the rest assessed by the policy calculator and streamed by binary {@code COPY} into a fresh unindexed table
 *     created in the run's transaction, with a CHECK matching the county's partition bound;</li>
 * <li>when anything changed: the unchanged results copied over from the old table, the primary key built, the real
 *     changes listed with their before and after amounts, and the new table swapped in as the county's
 *     partition of the year (DETACH and DROP the old one, ATTACH the new one without a validation scan). When
 *     nothing changed, the old table stays and nothing is written.</li>
 * </ol>
 * One write transaction: a failed run changes nothing. The run writes no enrollment row: the enrollment's assessment
 * is its row in {@code assessment_result}.
 */
@Service
public class BatchAssessmentService {

    private static final String SUBSIDY_SUM = "%1$s.medical_assistance_fund_fen + %1$s.disabled_persons_federation_fen"
            + " + %1$s.rural_revitalization_bureau_fen + %1$s.veterans_affairs_bureau_fen + %1$s.government_fen"
            + " + %1$s.county_finance_fen";

    /** The read, as {@code COPY} text (no bind parameters there: county and year are validated values). */
    private static final String READ = """
            COPY (
                WITH latest AS (
                    SELECT DISTINCT ON (person_key, identity) person_key, identity, valid_from, valid_to
                    FROM person_identity
                    WHERE coverage_year = %2$d AND county_code = '%1$s'
                    ORDER BY person_key, identity, recorded_at DESC, roster_import_id DESC NULLS LAST, source_line DESC, id DESC),
                held AS (
                    SELECT person_key, string_agg(identity || ':' || coalesce(valid_to::text, ''), ',') AS identities
                    FROM latest WHERE valid_from <= make_date(%2$d, 12, 31)
                    GROUP BY person_key),
                active AS (
                    SELECT e.id, e.region_code, e.category, e.status IN ('PAID', 'COVERED') AS paid,
                           coalesce(e.paid_at, e.registered_at) AS as_of, r.birth_date, r.relation_to_head, held.identities
                    FROM enrollment e
                    JOIN resident r ON r.id = e.resident_id
                    LEFT JOIN held ON held.person_key = e.person_key
                    WHERE e.coverage_year = %2$d AND e.county_code = '%1$s' AND e.status IN ('REGISTERED', 'PAID', 'COVERED'))
                SELECT a.id, a.region_code, a.category, a.paid, a.as_of, a.birth_date, a.relation_to_head, a.identities,
                       o.enrollment_id, o.input_fingerprint, o.accepted, o.personal_due_fen, %4$s, o.rule_id
                FROM active a
                FULL JOIN %3$s o ON o.enrollment_id = a.id
            ) TO STDOUT (FORMAT binary)
            """;

    /**
     * The real changes, as the writing thread found them: enrollments re-assessed by this run whose personal due,
     * subsidy, scheme or acceptance differs from their previous result ({@link EnrollmentRow.Previous#sameOutcome}).
     * A re-assessment that comes out the same (a single assessment's result, a changed input that does not matter)
     * is not listed. Both tables have their primary key by now, so this reads only the changed rows.
     */
    private static final String LIST_CHANGES = """
            INSERT INTO assessment_change (run_id, county_code, enrollment_id, region_code, before_personal_due_fen,
                after_personal_due_fen, before_subsidy_fen, after_subsidy_fen, before_rule_id, after_rule_id,
                before_accepted, after_accepted)
            SELECT n.run_id, n.county_code, n.enrollment_id, n.region_code, o.personal_due_fen, n.personal_due_fen,
                   %1$s, %2$s, o.rule_id, n.rule_id, o.accepted, n.accepted
            FROM %3$s n
            JOIN %4$s o ON o.enrollment_id = n.enrollment_id
            WHERE n.enrollment_id = ANY (?::bigint[])
            """;

    /** The run's constants as column defaults of its fresh table: year, county, escaped policy version, run id. */
    private static final String RUN_DEFAULTS = "ALTER coverage_year SET DEFAULT %d, ALTER county_code SET DEFAULT '%s', "
            + "ALTER policy_version SET DEFAULT '%s', ALTER run_id SET DEFAULT %d";

    /**
     * A rejection this run does not store: the enrollment keeps its accepted assessment (a paid enrollment keeps the
     * amounts it was paid against), and staff see the rejection in the change list. Its result is not written to the
     * new table, so the stored one is carried over with the unchanged results, and a county where only such
     * rejections remain is not rebuilt.
     */
    private static final String LIST_KEPT_REJECTION = """
            INSERT INTO assessment_change (run_id, county_code, enrollment_id, region_code, before_personal_due_fen,
                after_personal_due_fen, before_subsidy_fen, after_subsidy_fen, before_rule_id, after_rule_id,
                before_accepted, after_accepted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, false)
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
        Phases phases = new Phases();
        long runId;
        String table = "assessment_result_" + coverageYear + "_" + county.value();
        try (Connection write = dataSource.getConnection(); Connection read = dataSource.getConnection()) {
            write.setAutoCommit(false);
            read.setAutoCommit(false);
            read.setReadOnly(true);
            Thread reading = null;
            EnrollmentStream stream = null;
            ResultWriter results = null;
            try {
                lock(write, county.value(), coverageYear);
                try (var partition = write.createStatement()) {
                    // The county's partition (empty before the first run) holds the previous results. Created in a
                    // short transaction of its own: creating it locks the year's partition until commit.
                    partition.execute("SELECT assessment_result_partition(" + coverageYear + ", '" + county.value() + "')");
                }
                write.commit();
                // The run proper: the lock again, before the read takes its snapshot, so the read sees every
                // assessment committed before it and none is written until the run ends.
                lock(write, county.value(), coverageYear);
                runId = startRun(write, county, coverageYear, assessor.policyVersion(), actor.username());
                try (var plan = read.createStatement()) {
                    // A county-wide pass joins whole tables: hash joins are right, and a nested loop chosen from
                    // stale statistics (right after a large import) would turn minutes into hours.
                    plan.execute("SET LOCAL enable_nestloop = off");
                }
                stream = new EnrollmentStream(read.unwrap(PGConnection.class).getCopyAPI(),
                        READ.formatted(county.value(), coverageYear, table, SUBSIDY_SUM.formatted("o")));
                reading = new Thread(stream, "batch-assessment-read-" + county.value());
                reading.setDaemon(true);
                reading.start();

                String fresh = table + "_run" + runId;
                try (var create = write.createStatement()) {
                    create.execute("CREATE TABLE " + fresh + " (LIKE assessment_result INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
                            + "CONSTRAINT " + fresh + "_bound CHECK (coverage_year = " + coverageYear + " AND county_code = '"
                            + county.value() + "'))");
                    // What every result of the run shares is written once, as the defaults of its table: PostgreSQL
                    // then decodes 18 columns a row instead of 22 (docs/subsidy.md). Dropped again before the swap.
                    create.execute("ALTER TABLE " + fresh + " " + RUN_DEFAULTS.formatted(coverageYear, county.value(),
                            write.unwrap(PGConnection.class).escapeLiteral(assessor.policyVersion()), runId));
                }
                results = new ResultWriter(write.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY " + fresh + " (" + ResultWriter.COLUMNS + ") FROM STDIN (FORMAT binary)"));
                long writerCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                assessAll(stream, assessor, results, counts);
                long written = results.finish();
                writerCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - writerCpu;
                reading.join();
                // The read is done: its transaction would otherwise hold the stored results' table, which the swap drops.
                read.rollback();
                phases.mark("read + parse + assess + binary COPY to the new table, pipelined");
                phases.detail("  of which PostgreSQL read (join, COPY out)", stream.readMillis());
                phases.detail("  of which parsing (reading thread)", stream.parseMillis());
                phases.detail("  of which assessing (writing thread)", counts.assessNanos / 1_000_000);
                phases.detail("  of which binary COPY (writing thread)", results.copyMillis());
                phases.detail("  CPU of the reading thread", stream.cpuMillis());
                phases.detail("  CPU of the writing thread", writerCpu / 1_000_000);
                long[] unseen = counts.removed.toArray();
                if (written == 0 && unseen.length == 0) {
                    drop(write, fresh);
                    phases.mark("nothing changed: old results kept");
                } else {
                    rebuild(write, phases, counts, coverageYear, county.value(), table, fresh, runId, written, unseen);
                }
                listKeptRejections(write, runId, county.value(), counts.keptRejections);
                finishRun(write, runId, counts);
                write.commit();
                phases.mark("commit");
            } catch (SQLException | InterruptedException | RuntimeException e) {
                if (stream != null) {
                    stream.cancel();
                }
                if (results != null) {
                    results.cancel();
                }
                write.rollback();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            } finally {
                if (reading != null) {
                    reading.join(10_000);
                }
                read.rollback();
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("batch assessment of " + county + " " + coverageYear + " failed: " + e.getMessage(), e);
        }
        RunSummary summary = new RunSummary(runId, county.value(), coverageYear, assessor.policyVersion(), counts.enrollments,
                counts.unchanged, counts.created, counts.changedCount(), counts.removed.size(), counts.rejected,
                (System.nanoTime() - started) / 1_000_000, phases.millis());
        audit.recordIndependently(actor, AuditEntry.success("BATCH_ASSESSED", "assessment_run", runId, county.value(), null,
                Map.of("policyVersion", summary.policyVersion(), "enrollments", summary.enrollments(), "created", summary.created(),
                        "changed", summary.changed(), "unchanged", summary.unchanged(), "removed", summary.removed(),
                        "rejected", summary.rejected())));
        return summary;
    }

    /**
     * The new table becomes the county's results: unchanged results copied over from the old table, the primary key
     * built once after the load, the real changes listed against the old table, then the swap. The CHECK the new
     * table was created with implies the partition bound, so ATTACH does not scan it.
     */
    private static void rebuild(Connection write, Phases phases, Counts counts, int year, String county, String table,
            String fresh, long runId, long written, long[] unseen) throws SQLException {
        if (written < counts.enrollments) {
            try (PreparedStatement keep = write.prepareStatement("INSERT INTO " + fresh + " SELECT o.* FROM " + table + " o "
                    + "WHERE NOT EXISTS (SELECT 1 FROM " + fresh + " n WHERE n.enrollment_id = o.enrollment_id) "
                    + "AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[]) AS r (id) WHERE r.id = o.enrollment_id)")) {
                keep.setArray(1, write.createArrayOf("bigint", Arrays.stream(unseen).boxed().toArray()));
                long kept = keep.executeUpdate();
                phases.mark("unchanged results copied from the old table (" + kept + ")");
            }
        }
        try (var statement = write.createStatement()) {
            // The sort of a million keys in memory rather than in temporary files (the default is 64 MB).
            statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
            statement.execute("ALTER TABLE " + fresh + " ADD CONSTRAINT " + fresh + "_pkey PRIMARY KEY (enrollment_id, coverage_year, county_code)");
            phases.mark("primary key built (" + written + " new rows)");
            long[] changedIds = counts.changed.toArray();
            if (changedIds.length > 0) {
                try (PreparedStatement list = write.prepareStatement(LIST_CHANGES.formatted(SUBSIDY_SUM.formatted("o"),
                        SUBSIDY_SUM.formatted("n"), fresh, table))) {
                    list.setArray(1, write.createArrayOf("bigint", Arrays.stream(changedIds).boxed().toArray()));
                    list.executeUpdate();
                }
                phases.mark("change list (" + changedIds.length + " real changes)");
            }
            String yearTable = "assessment_result_" + year;
            // DETACH waits for every transaction reading the year, and every later reader queues behind it: a long one
            // (a payment import reads the view) makes the run fail after 10 s, unchanged, instead of stalling the year.
            statement.execute("SET LOCAL lock_timeout = '10s'");
            statement.execute("ALTER TABLE " + yearTable + " DETACH PARTITION " + table);
            statement.execute("DROP TABLE " + table);
            statement.execute("ALTER TABLE " + fresh + " ALTER coverage_year DROP DEFAULT, ALTER county_code DROP DEFAULT, "
                    + "ALTER policy_version DROP DEFAULT, ALTER run_id DROP DEFAULT");
            statement.execute("ALTER TABLE " + fresh + " RENAME TO " + table);
            statement.execute("ALTER INDEX " + fresh + "_pkey RENAME TO " + table + "_pkey");
            statement.execute("ALTER TABLE " + yearTable + " ATTACH PARTITION " + table + " FOR VALUES IN ('" + county + "')");
            phases.mark("swap: detach and drop the old table, attach the new one");
        }
    }

    private static void drop(Connection write, String table) throws SQLException {
        try (var statement = write.createStatement()) {
            statement.execute("DROP TABLE " + table);
        }
    }

    /** Two runs of the same county and year, or a run and a single assessment, wait for each other. */
    private static void lock(Connection write, String county, int year) throws SQLException {
        try (PreparedStatement lock = write.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, AssessmentResultRepository.lockKey(county, year));
            lock.execute();
        }
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

    /** The writing half: skip what is unchanged, assess the rest, write it to the new table. */
    private static void assessAll(EnrollmentStream stream, BatchAssessor assessor, ResultWriter results, Counts counts)
            throws InterruptedException, SQLException {
        String version = assessor.policyVersion();
        while (true) {
            List<EnrollmentRow> batch = stream.next();
            if (batch.isEmpty()) {
                break;
            }
            long t0 = System.nanoTime();
            for (EnrollmentRow item : batch) {
                EnrollmentRow.Previous previous = item.previous();
                AssessmentInput input = item.input();
                if (input == null) {
                    counts.removed.add(previous.enrollmentId());
                    continue;
                }
                counts.enrollments++;
                long fingerprint = input.fingerprint(version);
                if (previous != null && previous.fingerprint() == fingerprint) {
                    counts.unchanged++;
                    continue;
                }
                AssessmentRow row = assessor.assess(input, fingerprint);
                if (!row.accepted()) {
                    counts.rejected++;
                }
                if (previous == null) {
                    counts.created++;
                } else if (previous.sameOutcome(row)) {
                    counts.unchanged++;
                } else if (previous.accepted() && !row.accepted()) {
                    counts.keptRejections.add(new KeptRejection(input.regionCode(), previous, row));
                    continue;
                } else {
                    counts.changed.add(input.enrollmentId());
                }
                results.add(row);
            }
            counts.assessNanos += System.nanoTime() - t0 - results.takeCopyNanosSinceLastCall();
        }
        if (stream.failure() != null) {
            throw new IllegalStateException("reading the enrollments failed: " + stream.failure().getMessage(), stream.failure());
        }
    }

    /** An enrollment with an accepted result that this run rejected: listed, not stored. */
    private record KeptRejection(String regionCode, EnrollmentRow.Previous before, AssessmentRow after) {
    }

    private static void listKeptRejections(Connection write, long runId, String county, List<KeptRejection> rejections)
            throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = write.prepareStatement(LIST_KEPT_REJECTION)) {
            for (KeptRejection rejection : rejections) {
                insert.setLong(1, runId);
                insert.setString(2, county);
                insert.setLong(3, rejection.before().enrollmentId());
                insert.setString(4, rejection.regionCode());
                insert.setLong(5, rejection.before().dueFen());
                insert.setLong(6, rejection.after().personalDue().fen());
                insert.setLong(7, rejection.before().subsidyFen());
                insert.setLong(8, rejection.after().subsidyTotal().fen());
                insert.setString(9, rejection.before().ruleId());
                insert.setString(10, rejection.after().ruleId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void finishRun(Connection write, long runId, Counts counts) throws SQLException {
        try (PreparedStatement update = write.prepareStatement("""
                UPDATE assessment_run SET finished_at = clock_timestamp(), enrollments = ?, unchanged = ?, created = ?,
                  changed = ?, removed = ?, rejected = ? WHERE id = ?
                """)) {
            update.setLong(1, counts.enrollments);
            update.setLong(2, counts.unchanged);
            update.setLong(3, counts.created);
            update.setLong(4, counts.changedCount());
            update.setLong(5, counts.removed.size());
            update.setLong(6, counts.rejected);
            update.setLong(7, runId);
            update.executeUpdate();
        }
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

    /** The latest runs of a county and year, newest first. */
    public List<RunSummary> runs(RegionCode county, int coverageYear, int limit) {
        return jdbc.sql("""
                SELECT * FROM assessment_run WHERE county_code = :county AND coverage_year = :year ORDER BY id DESC LIMIT :limit
                """).param("county", county.value()).param("year", coverageYear).param("limit", limit)
                .query((rs, i) -> new RunSummary(rs.getLong("id"), rs.getString("county_code"), rs.getInt("coverage_year"),
                        rs.getString("policy_version"), rs.getLong("enrollments"), rs.getLong("unchanged"), rs.getLong("created"),
                        rs.getLong("changed"), rs.getLong("removed"), rs.getLong("rejected"),
                        rs.getTimestamp("finished_at") == null ? -1
                                : rs.getTimestamp("finished_at").getTime() - rs.getTimestamp("started_at").getTime(), Map.of()))
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
        long rejected;
        long assessNanos;
        /** Real changes whose new result is written. */
        final Ids changed = new Ids();
        /** Real changes that are not written: the accepted result stays (see {@link #LIST_KEPT_REJECTION}). */
        final List<KeptRejection> keptRejections = new ArrayList<>();
        /** Stored results whose enrollment is no longer active. */
        final Ids removed = new Ids();

        long changedCount() {
            return changed.size() + keptRejections.size();
        }
    }

    /** A growing list of enrollment ids without boxing: a run may collect a million. */
    private static final class Ids {
        private long[] ids = new long[64];
        private int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }

    /** Wall-clock time per phase, in order, for the run summary. */
    private static final class Phases {
        private final Map<String, Long> millis = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void mark(String phase) {
            long now = System.nanoTime();
            millis.put(phase, (now - last) / 1_000_000);
            last = now;
        }

        void detail(String part, long partMillis) {
            millis.put(part, partMillis);
        }

        Map<String, Long> millis() {
            return millis;
        }
    }
}
