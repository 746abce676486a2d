package cn.canbao.subsidy.batch;

import java.io.BufferedInputStream;
import java.io.IOException;
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
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * Batch assessment of every active enrollment of a county and coverage year, as a stream with set-based writes:
 * <ol>
 * <li>one {@code COPY (SELECT ...) TO STDOUT} of the enrollments joined with their residents and their identities
 *     (aggregated per person), parsed from the bytes on a reading thread ({@link EnrollmentStream});</li>
 * <li>the stored input fingerprints, read once into memory; an enrollment whose fingerprint (inputs + policy
 *     version) is unchanged is skipped without assessing or comparing anything else;</li>
 * <li>the rest assessed by the policy calculator and streamed with {@code COPY} into a temporary staging table;</li>
 * <li>one statement that lists the changes (before/after), upserts the results and brings each enrollment's own
 *     assessment (status 核定, policy version, personal due, subsidy) in line, as single assessment does;</li>
 * <li>results of enrollments no longer active removed by id.</li>
 * </ol>
 * One write transaction, serialised per county and year: a failed run changes nothing.
 */
@Service
public class BatchAssessmentService {

    static final String RESULT_COLUMNS = "coverage_year, county_code, enrollment_id, region_code, policy_version, "
            + "input_fingerprint, accepted, rejection_reason, standard_fen, personal_due_fen, subsidy_mode, rule_id, "
            + "deciding_identity, medical_assistance_fund_fen, disabled_persons_federation_fen, "
            + "rural_revitalization_bureau_fen, veterans_affairs_bureau_fen, government_fen, county_finance_fen, "
            + "refund_due_fen, person_paid, run_id";

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
                    GROUP BY person_key)
                SELECT e.id, e.region_code, e.category, e.status IN ('PAID', 'COVERED'),
                       coalesce((e.paid_at AT TIME ZONE 'Asia/Shanghai')::date, (e.registered_at AT TIME ZONE 'Asia/Shanghai')::date),
                       r.birth_date, r.relation_to_head, held.identities
                FROM enrollment e
                JOIN resident r ON r.id = e.resident_id
                LEFT JOIN held ON held.person_key = e.person_key
                WHERE e.coverage_year = %2$d AND e.county_code = '%1$s' AND e.status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
            ) TO STDOUT
            """;

    /**
     * Changes listed, results updated or inserted and enrollments brought in line, in one statement: every part sees
     * the results as they were before it, so the change list gets the true "before". The reading side already knows
     * which enrollments had a result ({@code had_result}), so new results are plain inserts (no conflict probing). The enrollment is written like
     * single assessment writes it (REGISTERED becomes ASSESSED), and only when something differs; a rejected result
     * leaves the enrollment as it is, as a refused single assessment does.
     */
    private static final String STORE = """
            WITH listed AS (
                INSERT INTO assessment_change (run_id, county_code, enrollment_id, region_code, before_personal_due_fen,
                    after_personal_due_fen, before_subsidy_fen, after_subsidy_fen, before_rule_id, after_rule_id,
                    before_accepted, after_accepted)
                SELECT s.run_id, s.county_code, s.enrollment_id, s.region_code, a.personal_due_fen, s.personal_due_fen,
                       %1$s, %2$s, a.rule_id, s.rule_id, a.accepted, s.accepted
                FROM assessment_stage s
                JOIN assessment_result a
                  ON a.coverage_year = s.coverage_year AND a.county_code = s.county_code AND a.enrollment_id = s.enrollment_id
                WHERE s.had_result AND a.coverage_year = ? AND a.county_code = ?),
            changed AS (
                UPDATE assessment_result a SET
                  region_code = s.region_code, policy_version = s.policy_version, input_fingerprint = s.input_fingerprint,
                  accepted = s.accepted, rejection_reason = s.rejection_reason, standard_fen = s.standard_fen,
                  personal_due_fen = s.personal_due_fen, subsidy_mode = s.subsidy_mode, rule_id = s.rule_id,
                  deciding_identity = s.deciding_identity, medical_assistance_fund_fen = s.medical_assistance_fund_fen,
                  disabled_persons_federation_fen = s.disabled_persons_federation_fen,
                  rural_revitalization_bureau_fen = s.rural_revitalization_bureau_fen,
                  veterans_affairs_bureau_fen = s.veterans_affairs_bureau_fen, government_fen = s.government_fen,
                  county_finance_fen = s.county_finance_fen, refund_due_fen = s.refund_due_fen, person_paid = s.person_paid,
                  run_id = s.run_id, assessed_at = now()
                FROM assessment_stage s
                WHERE s.had_result AND a.coverage_year = ? AND a.county_code = ?
                  AND a.coverage_year = s.coverage_year AND a.county_code = s.county_code AND a.enrollment_id = s.enrollment_id),
            created AS (
                INSERT INTO assessment_result (%3$s)
                SELECT %3$s FROM assessment_stage WHERE NOT had_result)
            UPDATE enrollment e SET
                status = CASE WHEN e.status = 'REGISTERED' THEN 'ASSESSED' ELSE e.status END,
                policy_version = s.policy_version, assessed_at = now(), personal_due_fen = s.personal_due_fen,
                subsidy_fen = %2$s,
                assessment_detail = jsonb_build_object(
                    'subsidiesFen', jsonb_strip_nulls(jsonb_build_object(
                        'MEDICAL_ASSISTANCE_FUND', nullif(s.medical_assistance_fund_fen, 0),
                        'DISABLED_PERSONS_FEDERATION', nullif(s.disabled_persons_federation_fen, 0),
                        'RURAL_REVITALIZATION_BUREAU', nullif(s.rural_revitalization_bureau_fen, 0),
                        'VETERANS_AFFAIRS_BUREAU', nullif(s.veterans_affairs_bureau_fen, 0),
                        'GOVERNMENT', nullif(s.government_fen, 0),
                        'COUNTY_FINANCE', nullif(s.county_finance_fen, 0))),
                    'reasons', CASE WHEN r.reason IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(r.reason) END,
                    'assessmentRun', s.run_id),
                version = e.version + 1
            FROM assessment_stage s
            LEFT JOIN unnest(?::text[], ?::text[]) AS r (rule_id, reason) ON r.rule_id = s.rule_id
            WHERE e.coverage_year = ? AND e.county_code = ? AND e.id = s.enrollment_id AND s.accepted
              AND e.status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
              AND (e.status = 'REGISTERED' OR e.policy_version IS DISTINCT FROM s.policy_version
                   OR e.personal_due_fen IS DISTINCT FROM s.personal_due_fen OR e.subsidy_fen IS DISTINCT FROM %2$s)
            """.formatted(SUBSIDY_SUM.formatted("a"), SUBSIDY_SUM.formatted("s"), RESULT_COLUMNS);

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
        try (Connection write = dataSource.getConnection(); Connection read = dataSource.getConnection()) {
            write.setAutoCommit(false);
            read.setAutoCommit(false);
            read.setReadOnly(true);
            Thread reading = null;
            EnrollmentStream stream = null;
            StageWriter stage = null;
            try {
                try (var plan = read.createStatement()) {
                    // A county-wide pass joins whole tables: hash joins are right, and a nested loop chosen from
                    // stale statistics (right after a large import) would turn minutes into hours.
                    plan.execute("SET LOCAL enable_nestloop = off");
                }
                stream = new EnrollmentStream(read.unwrap(PGConnection.class).getCopyAPI(),
                        READ.formatted(county.value(), coverageYear));
                reading = new Thread(stream, "batch-assessment-read-" + county.value());
                reading.setDaemon(true);
                reading.start();

                lock(write, county.value(), coverageYear);
                runId = startRun(write, county, coverageYear, assessor.policyVersion(), actor.username());
                PreviousFingerprints previous = previous(write, county.value(), coverageYear);
                phases.mark("previous fingerprints (" + previous.size() + ")");
                try (var create = write.createStatement()) {
                    create.execute("CREATE TEMP TABLE assessment_stage (LIKE assessment_result INCLUDING DEFAULTS, "
                            + "had_result boolean NOT NULL) ON COMMIT DROP");
                }
                stage = new StageWriter(write.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY assessment_stage (" + RESULT_COLUMNS + ", had_result) FROM STDIN (FORMAT csv)"),
                        county.value(), coverageYear, runId, assessor.policyVersion());
                assessAll(stream, previous, assessor, stage, counts);
                long staged = stage.finish();
                reading.join();
                phases.mark("read + parse + assess + COPY to staging, pipelined");
                phases.detail("  of which PostgreSQL read (join, COPY out)", stream.readMillis());
                phases.detail("  of which parsing (reading thread)", stream.parseMillis());
                phases.detail("  of which assessing (writing thread)", counts.assessNanos / 1_000_000);
                phases.detail("  of which COPY to staging (writing thread)", stage.copyMillis());
                if (staged > 0) {
                    counts.enrollmentsUpdated = store(write, county.value(), coverageYear, assessor);
                    phases.mark("one statement: change list + update/insert results + enrollments (" + staged + " staged)");
                }
                counts.removed = remove(write, county.value(), coverageYear, previous.unseen());
                finishRun(write, runId, counts);
                phases.mark("remove results of inactive enrollments (" + counts.removed + ")");
                write.commit();
                phases.mark("commit");
            } catch (SQLException | IOException | InterruptedException | RuntimeException e) {
                if (stream != null) {
                    stream.cancel();
                }
                if (stage != null) {
                    stage.cancel();
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
        } catch (SQLException | IOException | InterruptedException e) {
            throw new IllegalStateException("batch assessment of " + county + " " + coverageYear + " failed: " + e.getMessage(), e);
        }
        RunSummary summary = new RunSummary(runId, county.value(), coverageYear, assessor.policyVersion(), counts.enrollments,
                counts.unchanged, counts.created, counts.changed, counts.removed, counts.rejected, counts.enrollmentsUpdated,
                (System.nanoTime() - started) / 1_000_000, phases.millis());
        audit.recordIndependently(actor, AuditEntry.success("BATCH_ASSESSED", "assessment_run", runId, county.value(), null,
                Map.of("policyVersion", summary.policyVersion(), "enrollments", summary.enrollments(), "created", summary.created(),
                        "changed", summary.changed(), "unchanged", summary.unchanged(), "removed", summary.removed(),
                        "rejected", summary.rejected(), "enrollmentsUpdated", summary.enrollmentsUpdated())));
        return summary;
    }

    /** Two runs of the same county and year would both see the same "before": the second waits for the first. */
    private static void lock(Connection write, String county, int year) throws SQLException {
        try (PreparedStatement lock = write.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "assessment_result " + county + " " + year);
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

    private static PreviousFingerprints previous(Connection write, String county, int year) throws SQLException, IOException {
        int expected;
        try (PreparedStatement estimate = write.prepareStatement(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'assessment_result_other'::regclass "
                        + "OR relname = 'assessment_result_' || ?")) {
            estimate.setInt(1, year);
            try (ResultSet rs = estimate.executeQuery()) {
                long max = 0;
                while (rs.next()) {
                    max = Math.max(max, rs.getLong(1));
                }
                expected = (int) Math.min(max, 1 << 24);
            }
        }
        try (var in = new PGCopyInputStream(write.unwrap(PGConnection.class), "COPY (SELECT enrollment_id, input_fingerprint "
                + "FROM assessment_result WHERE coverage_year = " + year + " AND county_code = '" + county + "') TO STDOUT (FORMAT binary)")) {
            return PreviousFingerprints.fromBinaryCopy(new BufferedInputStream(in, 1 << 16), expected);
        }
    }

    /** The writing half: skip what is unchanged, assess the rest, stage it. */
    private static void assessAll(EnrollmentStream stream, PreviousFingerprints previous, BatchAssessor assessor,
            StageWriter stage, Counts counts) throws InterruptedException, SQLException {
        String version = assessor.policyVersion();
        while (true) {
            List<AssessmentInput> batch = stream.next();
            if (batch.isEmpty()) {
                break;
            }
            long t0 = System.nanoTime();
            for (AssessmentInput input : batch) {
                counts.enrollments++;
                long fingerprint = input.fingerprint(version);
                int slot = previous.find(input.enrollmentId());
                if (slot >= 0) {
                    previous.markSeen(slot);
                    if (previous.fingerprint(slot) == fingerprint) {
                        counts.unchanged++;
                        continue;
                    }
                    counts.changed++;
                } else {
                    counts.created++;
                }
                AssessmentRow row = assessor.assess(input, fingerprint);
                if (!row.accepted()) {
                    counts.rejected++;
                }
                stage.add(row, slot >= 0);
            }
            counts.assessNanos += System.nanoTime() - t0 - stage.takeCopyNanosSinceLastCall();
        }
        if (stream.failure() != null) {
            throw new IllegalStateException("reading the enrollments failed: " + stream.failure().getMessage(), stream.failure());
        }
    }

    private static long store(Connection write, String county, int year, BatchAssessor assessor) throws SQLException {
        try (var analyze = write.createStatement()) {
            // The planner should know how many rows the staging table holds: a handful (index probes) or a county.
            analyze.execute("ANALYZE assessment_stage");
        }
        List<String> ruleIds = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (SubsidyScheme scheme : assessor.schemes()) {
            ruleIds.add(scheme.id());
            reasons.add(scheme.name() + "（" + scheme.cite().reference() + "）");
        }
        try (PreparedStatement store = write.prepareStatement(STORE)) {
            store.setInt(1, year);
            store.setString(2, county);
            store.setInt(3, year);
            store.setString(4, county);
            store.setArray(5, write.createArrayOf("text", ruleIds.toArray()));
            store.setArray(6, write.createArrayOf("text", reasons.toArray()));
            store.setInt(7, year);
            store.setString(8, county);
            return store.executeUpdate();
        }
    }

    private static long remove(Connection write, String county, int year, long[] enrollmentIds) throws SQLException {
        if (enrollmentIds.length == 0) {
            return 0;
        }
        try (PreparedStatement delete = write.prepareStatement(
                "DELETE FROM assessment_result WHERE coverage_year = ? AND county_code = ? AND enrollment_id = ANY (?)")) {
            delete.setInt(1, year);
            delete.setString(2, county);
            delete.setArray(3, write.createArrayOf("bigint", Arrays.stream(enrollmentIds).boxed().toArray()));
            return delete.executeUpdate();
        }
    }

    private static void finishRun(Connection write, long runId, Counts counts) throws SQLException {
        try (PreparedStatement update = write.prepareStatement("""
                UPDATE assessment_run SET finished_at = clock_timestamp(), enrollments = ?, unchanged = ?, created = ?,
                  changed = ?, removed = ?, rejected = ?, enrollments_updated = ? WHERE id = ?
                """)) {
            update.setLong(1, counts.enrollments);
            update.setLong(2, counts.unchanged);
            update.setLong(3, counts.created);
            update.setLong(4, counts.changed);
            update.setLong(5, counts.removed);
            update.setLong(6, counts.rejected);
            update.setLong(7, counts.enrollmentsUpdated);
            update.setLong(8, runId);
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
                        rs.getLong("changed"), rs.getLong("removed"), rs.getLong("rejected"), rs.getLong("enrollments_updated"),
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
        long changed;
        long removed;
        long rejected;
        long enrollmentsUpdated;
        long assessNanos;
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
