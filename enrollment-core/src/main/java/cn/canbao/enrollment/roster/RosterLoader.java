package cn.canbao.enrollment.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

import cn.canbao.tabular.RowRejection;

/**
 * Loads one roster file in a single transaction on one connection. The parsed lines stream with
 * {@code COPY ... FROM STDIN} into a temporary staging table that has no index, no constraint and
 * no WAL; then a few set-based statements move them: new residents in person-key order, identity
 * rows (or student enrollments) in resident order, rejected lines into the error report, and the
 * final counts into the status row. Either all of it commits or none of it does, so an import that
 * dies leaves nothing half written and is simply run again.
 */
@Component
class RosterLoader {

    /** What one run wrote; {@code enrolledHolders} are people whose assessed enrollment the new identities may change. */
    record Result(long linesRead, long imported, long rejected, long residentsCreated, long lastLine,
            List<Long> enrolledHolders, ImportPhases phases) {
    }

    /** Receives the parsed lines in file order and writes them into the staging table. */
    interface Filler {
        void fill(Stage stage) throws Exception;
    }

    /** The staging side handed to the parser: one call per line, valid or rejected. */
    static final class Stage {
        private final CopyStream copy;
        private final Progress progress;
        private long lastLine;
        private long rows;
        private long rejections;

        private Stage(CopyStream copy, Progress progress) {
            this.copy = copy;
            this.progress = progress;
        }

        void row(RosterRow row) {
            copy.add(row.line()).add(row.personKey().value()).add(row.name()).add(row.document().type().name())
                    .add(row.document().number()).add(row.sex() == null ? null : row.sex().code()).add(row.birthDate())
                    .add(row.regionCode()).add(row.category().name()).add(row.phone()).add(row.school())
                    .add(row.identity() == null ? null : row.identity().name()).add(row.validFrom()).add(row.validTo())
                    .add((String) null).add((String) null);
            copy.endRow();
            lastLine = row.line();
            rows++;
            progress.read(false);
        }

        void rejection(RowRejection rejection) {
            copy.add(rejection.line());
            for (int i = 0; i < 13; i++) {
                copy.add((String) null);
            }
            copy.add(truncate(rejection.field(), 100)).add(truncate(rejection.reason(), 500));
            copy.endRow();
            lastLine = rejection.line();
            rejections++;
            progress.read(true);
        }
    }

    /** Counters the status row shows while the file is read; written by the service's progress reporter. */
    interface Progress {
        void read(boolean rejected);
    }

    private static final String STAGE_COLUMNS = """
            line bigint, person_key text, name text, document_type text, document_number text, sex text, birth_date date,
            region_code text, category text, phone text, school text, identity text, valid_from date, valid_to date,
            field text, reason text""";

    private final DataSource dataSource;

    RosterLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Result load(RosterImport rosterImport, String importedBy, Progress progress, Filler filler) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Result result = load(connection, rosterImport, importedBy, progress, filler);
                long commitStart = System.nanoTime();
                connection.commit();
                return new Result(result.linesRead(), result.imported(), result.rejected(), result.residentsCreated(),
                        result.lastLine(), result.enrolledHolders(), result.phases().withCommit(System.nanoTime() - commitStart));
            } catch (Exception | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static Result load(Connection connection, RosterImport rosterImport, String importedBy, Progress progress,
            Filler filler) throws Exception {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // Sorting a million keys and hashing a million residents in memory instead of on disk.
            statement.execute("SET LOCAL work_mem = '256MB'");
            statement.execute("CREATE TEMPORARY TABLE roster_stage (" + STAGE_COLUMNS + ") ON COMMIT DROP");
        }
        CopyStream copy = new CopyStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY roster_stage FROM STDIN"));
        Stage stage = new Stage(copy, progress);
        try {
            filler.fill(stage);
        } catch (Exception | Error e) {
            cancel(copy);
            throw e;
        }
        copy.finish();
        long staged = System.nanoTime();

        try (Statement statement = connection.createStatement()) {
            // A temporary table has no statistics until analysed; the joins below need them.
            statement.execute("ANALYZE roster_stage");
        }
        long valid = stage.rows;
        long rejected = stage.rejections;
        long analysed = System.nanoTime();

        // In person-key order, each leaf of the person_key index is touched once instead of once per row, and
        // the new ids follow the same order; the "C" collation sorts bytes (the same order for these ASCII keys).
        long created = update(connection, """
                INSERT INTO resident (person_key, name, document_type, document_number, sex, birth_date, region_code,
                    county_code, category, phone, school)
                SELECT DISTINCT ON (s.person_key COLLATE "C") s.person_key, s.name, s.document_type, s.document_number, s.sex, s.birth_date,
                    s.region_code, left(s.region_code, 6), s.category, s.phone, s.school
                FROM roster_stage s
                WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM resident r WHERE r.person_key = s.person_key)
                ORDER BY s.person_key COLLATE "C", s.line
                ON CONFLICT (person_key) DO NOTHING
                """);
        long residents = System.nanoTime();

        RosterType type = rosterImport.rosterType();
        long imported;
        if (type.establishesIdentities()) {
            // In resident order the new rows append at the right edge of the (resident_id, ...) primary key.
            imported = update(connection, """
                    INSERT INTO person_identity (coverage_year, county_code, resident_id, identity, valid_from, valid_to, source,
                        roster_import_id, source_line, source_file, source_date, recorded_by)
                    SELECT ?, r.county_code, r.id, s.identity, s.valid_from, s.valid_to, ?, ?, s.line, ?, ?, ?
                    FROM roster_stage s JOIN resident r ON r.person_key = s.person_key
                    WHERE s.reason IS NULL
                    ORDER BY r.id, s.line
                    """, rosterImport.coverageYear(), type.name(), rosterImport.id(), rosterImport.fileName(),
                    rosterImport.sourceDate(), importedBy);
        } else if (type == RosterType.EDUCATION) {
            update(connection, """
                    INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow,
                        school, status, registered_by)
                    SELECT ?, left(s.region_code, 6), s.region_code, r.id, s.person_key, s.category, 'STUDENT_BY_SCHOOL',
                        s.school, 'REGISTERED', ?
                    FROM roster_stage s JOIN resident r ON r.person_key = s.person_key
                    WHERE s.reason IS NULL
                    ORDER BY s.line
                    ON CONFLICT (person_key, coverage_year) WHERE status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
                    DO NOTHING
                    """, rosterImport.coverageYear(), importedBy);
            imported = valid;
        } else {
            imported = valid;
        }
        if (type.establishesIdentities() && imported != valid) {
            throw new IllegalStateException("身份写入" + imported + "行，应为" + valid + "行");
        }
        long written = System.nanoTime();

        update(connection, """
                INSERT INTO roster_import_error (roster_import_id, line, field, reason)
                SELECT ?, line, field, reason FROM roster_stage WHERE reason IS NOT NULL
                ON CONFLICT DO NOTHING
                """, rosterImport.id());
        List<Long> holders = type.establishesIdentities() ? enrolledHolders(connection, rosterImport) : List.of();
        long lastLine = Math.max(stage.lastLine, rosterImport.committedThroughLine());
        boolean resumed = rosterImport.committedThroughLine() > 0;
        update(connection, """
                UPDATE roster_import SET rows_read = ? + ?, rows_imported = ? + ?, rows_rejected = ? + ?,
                    residents_created = ? + ?, committed_through_line = ?, status = 'COMPLETED', failure = NULL,
                    finished_at = now(), heartbeat_at = now()
                WHERE id = ?
                """, resumed ? rosterImport.rowsRead() : 0, valid + rejected, resumed ? rosterImport.rowsImported() : 0, imported,
                resumed ? rosterImport.rowsRejected() : 0, rejected, resumed ? rosterImport.residentsCreated() : 0, created,
                lastLine, rosterImport.id());
        long finished = System.nanoTime();
        ImportPhases phases = new ImportPhases(0, staged - start, copy.waitNanos(), analysed - staged, residents - analysed,
                written - residents, finished - written, 0);
        return new Result(valid + rejected, imported, rejected, created, lastLine, holders, phases);
    }

    /** People already enrolled and assessed for the year who got an identity from this import (set-based, before commit). */
    private static List<Long> enrolledHolders(Connection connection, RosterImport rosterImport) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT DISTINCT e.resident_id FROM enrollment e
                WHERE e.coverage_year = ? AND e.status IN ('REGISTERED', 'PAID', 'COVERED')
                  AND EXISTS (SELECT 1 FROM roster_stage s WHERE s.reason IS NULL AND s.person_key = e.person_key)
                  AND (e.status <> 'REGISTERED' OR EXISTS (SELECT 1 FROM assessment_result a WHERE a.coverage_year = e.coverage_year
                       AND a.county_code = e.county_code AND a.enrollment_id = e.id AND a.accepted))
                ORDER BY e.resident_id
                """)) {
            ps.setInt(1, rosterImport.coverageYear());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void cancel(CopyStream copy) {
        try {
            copy.cancel();
        } catch (SQLException e) {
            // the transaction is rolled back anyway
        }
    }

    private static long update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeLargeUpdate();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
