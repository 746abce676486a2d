package cn.canbao.enrollment.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

import cn.canbao.region.RegionCode;
import cn.canbao.tabular.RowRejection;

/**
 * Loads one roster file in a single transaction: either all of it becomes visible or none of it
 * does, so an import that dies leaves nothing half written and is simply run again.
 *
 * <p>An identity roster is a list of statements keyed by person key; it creates no residents. Its
 * valid lines stream by binary {@code COPY} straight into two chunk tables of the import's own, one
 * per connection, with no index; after the load each connection builds its chunk's person-key index,
 * and the transaction attaches the chunks to the import's partition of {@code person_identity} and
 * that to the year's (each chunk's CHECK constraint implies the bounds, so the attach does not scan
 * it). Rejected lines are spooled to a temporary file and copied into the error report afterwards.
 *
 * <p>The education and newborn rosters register people (bulk student/newborn flows): their lines
 * stream into a temporary staging table and a few set-based statements insert the new residents in
 * person-key order and, for students, their enrollments.
 */
@Component
class RosterLoader {

    /**
     * What one run wrote; {@code fromBytes} of the imported lines were taken from the file's bytes ({@link StatementLines});
     * {@code enrolledHolders} are people whose assessed enrollment the new identities may change.
     */
    record Result(long linesRead, long imported, long fromBytes, long rejected, long lastLine, List<Long> enrolledHolders,
            ImportPhases phases) {
    }

    /** Receives the parsed lines in file order and writes them. */
    interface Filler {
        void fill(Stage stage) throws Exception;
    }

    /** The loading side handed to the parser: one call per line, valid or rejected. */
    interface Stage {
        void row(RosterRow row);

        /** A valid line of an identity roster taken as bytes by {@link StatementLines}: the same statement as {@link #row}. */
        void statement(StatementLines.Line line);

        void rejection(RowRejection rejection);
    }

    /** Counters the status row shows while the file is read; written by the service's progress reporter. */
    interface Progress {
        void read(boolean rejected);
    }

    /**
     * The columns an identity statement takes from its line; the rest are the import's (column defaults of its table).
     * {@code county_code} is one of the import's when the importer works in one county (see {@link #importersCounty}).
     */
    private static String statementColumns(boolean countyPerLine) {
        return "person_key, person_number, name, region_code, " + (countyPerLine ? "county_code, " : "")
                + "identity, valid_from, valid_to, source_line";
    }

    /**
     * Identity rosters: each valid line as a statement row of the import's table, rejections to the spool. With two
     * chunks, line L goes to the stream of chunk {@code L % 2} (the chunk partitions' bound).
     */
    private static final class StatementStage implements Stage {
        private final BinaryCopyStream[] copies;
        /** The county every line is in, stored once as a column default; null: written per line. */
        private final String county;
        private final RejectionSpool rejections;
        private final Progress progress;
        private long lastLine;
        private long rows;
        private long fromBytes;

        private StatementStage(BinaryCopyStream[] copies, String county, RejectionSpool rejections, Progress progress) {
            this.copies = copies;
            this.county = county;
            this.rejections = rejections;
            this.progress = progress;
        }

        @Override
        public void row(RosterRow row) {
            BinaryCopyStream copy = copies[(int) (row.line() % copies.length)];
            if (county == null) {
                copy.row(9).text(row.personKey().value()).int8(row.personKey().number()).text(row.name())
                        .text(row.regionCode()).text(row.countyCode());
            } else if (row.regionCode().startsWith(county)) {
                copy.row(8).text(row.personKey().value()).int8(row.personKey().number()).text(row.name())
                        .text(row.regionCode());
            } else {
                throw new IllegalStateException("第" + row.line() + "行地区" + row.regionCode() + "不在" + county + "内");
            }
            copy.text(row.identity().name()).date(row.validFrom()).date(row.validTo()).int8(row.line());
            lastLine = row.line();
            rows++;
            progress.read(false);
        }

        @Override
        public void statement(StatementLines.Line line) {
            BinaryCopyStream copy = copies[(int) (line.number % copies.length)];
            if (county == null) {
                copy.row(9).text(PERSON_KEY_PREFIX, line.bytes, line.documentNumber, ID_NUMBER_LENGTH).int8(line.personNumber)
                        .text(line.bytes, line.nameFrom, line.nameTo - line.nameFrom).text(line.bytes, line.region, REGION_LENGTH)
                        .text(line.bytes, line.region, COUNTY_LENGTH);
            } else if (startsWith(line.bytes, line.region, county)) {
                copy.row(8).text(PERSON_KEY_PREFIX, line.bytes, line.documentNumber, ID_NUMBER_LENGTH).int8(line.personNumber)
                        .text(line.bytes, line.nameFrom, line.nameTo - line.nameFrom).text(line.bytes, line.region, REGION_LENGTH);
            } else {
                throw new IllegalStateException("第" + line.number + "行地区不在" + county + "内");
            }
            copy.text(line.identity.name()).date(line.validFrom).date(null).int8(line.number);
            lastLine = line.number;
            rows++;
            fromBytes++;
            progress.read(false);
        }

        private static boolean startsWith(byte[] bytes, int from, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (bytes[from + i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void rejection(RowRejection rejection) {
            rejections.add(rejection);
            lastLine = rejection.line();
            progress.read(true);
        }
    }

    /** 'CN': the person key of a GB 11643 number ({@link cn.canbao.enrollment.person.PersonKey#of}). */
    private static final byte[] PERSON_KEY_PREFIX = {'C', 'N'};
    private static final int ID_NUMBER_LENGTH = 18;
    private static final int REGION_LENGTH = 12;
    private static final int COUNTY_LENGTH = 6;

    /** Registering rosters: every line, valid or rejected, into the staging table. */
    private static final class RegistrationStage implements Stage {
        private final CopyStream copy;
        private final Progress progress;
        private long lastLine;
        private long rows;
        private long rejections;

        private RegistrationStage(CopyStream copy, Progress progress) {
            this.copy = copy;
            this.progress = progress;
        }

        @Override
        public void row(RosterRow row) {
            copy.add(row.line()).add(row.personKey().value()).add(row.name()).add(row.document().type().name())
                    .add(row.document().number()).add(row.sex() == null ? null : row.sex().code()).add(row.birthDate())
                    .add(row.regionCode()).add(row.category().name()).add(row.phone()).add(row.school())
                    .add((String) null).add((String) null);
            copy.endRow();
            lastLine = row.line();
            rows++;
            progress.read(false);
        }

        @Override
        public void statement(StatementLines.Line line) {
            throw new UnsupportedOperationException("a registering roster's lines are mapped one by one");
        }

        @Override
        public void rejection(RowRejection rejection) {
            copy.add(rejection.line());
            for (int i = 0; i < 10; i++) {
                copy.add((String) null);
            }
            copy.add(truncate(rejection.field(), 100)).add(truncate(rejection.reason(), 500));
            copy.endRow();
            lastLine = rejection.line();
            rejections++;
            progress.read(true);
        }
    }

    private static final String STAGE_COLUMNS = """
            line bigint, person_key text, name text, document_type text, document_number text, sex text, birth_date date,
            region_code text, category text, phone text, school text, field text, reason text""";

    private final DataSource dataSource;

    RosterLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Result load(RosterImport rosterImport, String importedBy, Progress progress, Filler filler) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Result result = rosterImport.rosterType().establishesIdentities()
                        ? loadStatements(connection, rosterImport, importedBy, progress, filler)
                        : loadRegistrations(connection, rosterImport, importedBy, progress, filler);
                long commitStart = System.nanoTime();
                connection.commit();
                return new Result(result.linesRead(), result.imported(), result.fromBytes(), result.rejected(), result.lastLine(),
                        result.enrolledHolders(), result.phases().withCommit(System.nanoTime() - commitStart));
            } catch (Exception | Error e) {
                connection.rollback();
                if (rosterImport.rosterType().establishesIdentities()) {
                    connection.setAutoCommit(true);
                    try {
                        dropLeftChunk(connection, rosterImport);
                    } catch (SQLException dropFailed) {
                        e.addSuppressed(dropFailed); // the next run of the import drops it
                    }
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The partition that holds the statements of one import: {@code person_identity_<year>_import_<id>}. */
    static String statementTable(RosterImport rosterImport) {
        return "person_identity_" + rosterImport.coverageYear() + "_import_" + rosterImport.id();
    }

    /** Chunk {@code chunk} of an import's partition: the statements of its lines L with {@code L % 2 = chunk}. */
    static String chunkTable(RosterImport rosterImport, int chunk) {
        return statementTable(rosterImport) + "_" + chunk;
    }

    /**
     * Loads an identity roster into two chunk tables at once, chunk 0 on this transaction's connection and chunk 1 on a
     * second one, so that two backends store the stream and build the two halves of the index on the two cores (one
     * backend was the bottleneck of the load, and the index build followed it). The second connection commits its chunk
     * before this transaction attaches it: a committed chunk that is not attached is not part of {@code person_identity},
     * so nothing is visible until this transaction commits. If this transaction fails, its chunk 1 is dropped
     * ({@link #dropLeftChunk}); if the process dies, the next run of the import drops it.
     */
    private Result loadStatements(Connection connection, RosterImport rosterImport, String importedBy, Progress progress,
            Filler filler) throws Exception {
        long start = System.nanoTime();
        PGConnection pg = connection.unwrap(PGConnection.class);
        int year = rosterImport.coverageYear();
        String yearTable = "person_identity_" + year;
        String table = statementTable(rosterImport);
        createYearIfMissing(year);
        // Only an import the earlier batch-per-transaction loader left half committed has its partition already.
        boolean existing = exists(connection, table);
        String county = existing ? null : importersCounty(rosterImport);
        Map<String, String> columns = sharedColumns(county);
        Map<String, String> values = sharedValues(connection, rosterImport, importedBy, county);
        try (Statement statement = connection.createStatement()) {
            if (existing) {
                // A partition of the earlier loader has every column: the shared values are written per line.
                statement.execute("ALTER TABLE " + table + " ALTER coverage_year SET DEFAULT " + year
                        + ", ALTER roster_import_id SET DEFAULT " + rosterImport.id() + ", "
                        + String.join(", ", values.entrySet().stream()
                                .map(e -> "ALTER " + e.getKey() + " SET DEFAULT " + e.getValue()).toList()));
            } else {
                // The import's partition is itself partitioned by line parity: a chunk per connection.
                statement.execute("CREATE TABLE " + table + " (LIKE person_identity INCLUDING CONSTRAINTS)"
                        + " PARTITION BY LIST ((source_line % 2))");
            }
        }
        if (existing) {
            // Its index and attachment exist already.
            return loadInto(connection, new BinaryCopyStream[] {copyIn(pg, table, null, false)}, null, rosterImport, progress,
                    filler, start, () -> {
                    }, () -> {
                    });
        }
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            // The second connection commits its chunk within the load; if the load fails before, it rolls back here.
            boolean loaded = false;
            try {
                createChunk(connection, rosterImport, 0, columns);
                createChunk(other, rosterImport, 1, columns);
                BinaryCopyStream[] copies = {copyIn(pg, chunkTable(rosterImport, 0), county, true),
                        copyIn(other.unwrap(PGConnection.class), chunkTable(rosterImport, 1), county, true)};
                Result result = loadInto(connection, copies, county, rosterImport, progress, filler, start, () -> {
                    // Both backends index their chunk at the same time, each on one core.
                    FutureTask<Void> otherChunk = new FutureTask<>(() -> {
                        completeChunk(other, rosterImport, 1, columns, values);
                        other.commit();
                        return null;
                    });
                    Thread thread = new Thread(otherChunk, "roster-chunk-" + rosterImport.id());
                    thread.start();
                    try {
                        completeChunk(connection, rosterImport, 0, columns, values);
                    } finally {
                        thread.join();
                    }
                    try {
                        otherChunk.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }, () -> {
                    try (Statement statement = connection.createStatement()) {
                        // Each chunk's CHECK implies its bound and the import's and the year's: no validation scan.
                        statement.execute("ALTER TABLE " + table + " ATTACH PARTITION " + chunkTable(rosterImport, 0)
                                + " FOR VALUES IN (0)");
                        statement.execute("ALTER TABLE " + table + " ATTACH PARTITION " + chunkTable(rosterImport, 1)
                                + " FOR VALUES IN (1)");
                        // The import's partition takes the year's person-key index by adopting the chunks' indexes.
                        statement.execute("ALTER TABLE " + yearTable + " ATTACH PARTITION " + table + " FOR VALUES IN ("
                                + rosterImport.id() + ")");
                    }
                });
                loaded = true;
                return result;
            } finally {
                if (!loaded) {
                    rollbackQuietly(other);
                }
                other.setAutoCommit(true);
            }
        }
    }

    /**
     * Creates the year's partition, empty, in a transaction of its own. Created in the import's transaction it would keep
     * {@code person_identity} locked (CREATE TABLE … PARTITION OF locks the parent exclusively) until the commit, and the
     * second connection, which reads {@code person_identity} to create its chunk, would wait for it forever.
     */
    private void createYearIfMissing(int year) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (exists(connection, "person_identity_" + year)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT create_person_identity_year(" + year + "::smallint)");
            } catch (SQLException e) {
                if (!"42P07".equals(e.getSQLState())) { // duplicate_table: another import created it meanwhile
                    throw e;
                }
            }
        }
    }

    /** One step of the load that may throw anything a JDBC call or a wait throws. */
    private interface Step {
        void run() throws Exception;
    }

    private static Result loadInto(Connection connection, BinaryCopyStream[] copies, String county, RosterImport rosterImport,
            Progress progress, Filler filler, long start, Step index, Step attach) throws Exception {
        try (RejectionSpool rejections = new RejectionSpool(rosterImport.id())) {
            StatementStage stage = new StatementStage(copies, county, rejections, progress);
            long stored = 0;
            long waited = 0;
            try {
                filler.fill(stage);
                for (BinaryCopyStream copy : copies) {
                    stored += copy.finish();
                    waited += copy.waitNanos();
                }
            } catch (Exception | Error e) {
                for (BinaryCopyStream copy : copies) {
                    cancel(copy);
                }
                throw e;
            }
            if (stored != stage.rows) {
                throw new IllegalStateException("身份写入" + stored + "行，应为" + stage.rows + "行");
            }
            long loaded = System.nanoTime();
            index.run();
            long indexed = System.nanoTime();
            attach.run();
            long attached = System.nanoTime();

            PGConnection pg = connection.unwrap(PGConnection.class);
            rejections.copyInto(pg.getCopyAPI());
            List<Long> holders = enrolledHolders(connection, rosterImport, statementTable(rosterImport));
            long lastLine = finish(connection, rosterImport, stage.lastLine, stage.rows + rejections.count(), stage.rows,
                    rejections.count());
            long finished = System.nanoTime();
            ImportPhases phases = new ImportPhases(0, loaded - start, waited, indexed - loaded, attached - indexed,
                    finished - attached, 0);
            return new Result(stage.rows + rejections.count(), stage.rows, stage.fromBytes, rejections.count(), lastLine, holders,
                    phases);
        }
    }

    /**
     * Creates an empty chunk table in the connection's transaction. The columns every line shares and no CHECK reads
     * are left out of the rows: they are added back after the load with their values as fast defaults (stored once in
     * the catalog). Year, import and line stay in the rows: the CHECK that implies the chunk's bound reads them, and it
     * must hold before the attach. A chunk 1 that a run of this import which died left committed is dropped first.
     */
    private static void createChunk(Connection connection, RosterImport rosterImport, int chunk, Map<String, String> columns)
            throws SQLException {
        String chunkTable = chunkTable(rosterImport, chunk);
        try (Statement statement = connection.createStatement()) {
            // Building the person-key index of half a million statements in memory instead of on disk, in this backend
            // alone: the other chunk's backend builds its half at the same time.
            statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
            statement.execute("SET LOCAL max_parallel_maintenance_workers = 0");
            if (chunk > 0) {
                dropLeftChunk(connection, rosterImport);
            }
            statement.execute("CREATE TABLE " + chunkTable + " (LIKE person_identity INCLUDING CONSTRAINTS)");
            statement.execute("ALTER TABLE " + chunkTable + " " + String.join(", ", columns.keySet().stream()
                    .map(column -> "DROP " + column).toList()) + ", ALTER roster_import_id SET NOT NULL, ADD CONSTRAINT "
                    + chunkTable + "_bound CHECK (coverage_year = " + rosterImport.coverageYear() + " AND roster_import_id = "
                    + rosterImport.id() + " AND (source_line % 2) IS NOT NULL AND (source_line % 2) = " + chunk + "::bigint)"
                    + ", ALTER coverage_year SET DEFAULT " + rosterImport.coverageYear()
                    + ", ALTER roster_import_id SET DEFAULT " + rosterImport.id());
        }
    }

    /** After its COPY: the shared columns back as fast defaults, then the chunk's person-key index. */
    private static void completeChunk(Connection connection, RosterImport rosterImport, int chunk, Map<String, String> columns,
            Map<String, String> values) throws SQLException {
        String chunkTable = chunkTable(rosterImport, chunk);
        try (Statement statement = connection.createStatement()) {
            // Fast defaults: a non-volatile default of an added column is stored once (attmissingval) and read for every
            // row written before the column existed; no rewrite, and NOT NULL needs no scan.
            statement.execute("ALTER TABLE " + chunkTable + " " + String.join(", ", columns.entrySet().stream()
                    .map(e -> "ADD " + e.getKey() + " " + e.getValue() + " DEFAULT " + values.get(e.getKey())).toList()));
            // The chunk never takes another row once attached (statements are append-only, an import is one
            // transaction): leaf pages are filled completely, and no time goes to deduplicating numbers that repeat
            // only where a person holds two identities in one roster.
            statement.execute("CREATE INDEX ON " + chunkTable + " (person_number)"
                    + " WITH (fillfactor = 100, deduplicate_items = off)");
        }
    }

    /**
     * Drops the chunk 1 of an import if it is a table of its own: committed by a run that then failed or died before
     * attaching it (an attached chunk is never dropped). Readers never saw it.
     */
    static void dropLeftChunk(Connection connection, RosterImport rosterImport) throws SQLException {
        String chunkTable = chunkTable(rosterImport, 1);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT relispartition FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, chunkTable);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBoolean(1)) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + chunkTable);
        }
    }

    /**
     * Drops the chunks that runs which died left committed and unattached, for imports nobody runs now: a run that is
     * alive (RUNNING with a fresh heartbeat, the rule by which a run is claimed) may be between its second connection's
     * commit and its attach. Each chunk is locked and checked again before it goes, so one attached meanwhile stays; a
     * chunk some transaction holds is left for the next sweep. Returns how many were dropped.
     */
    int dropChunksOfDeadImports() throws SQLException {
        String orphans = """
                SELECT c.relname FROM roster_import i
                JOIN pg_class c ON c.relname = 'person_identity_' || i.coverage_year || '_import_' || i.id || '_1'
                WHERE c.relkind = 'r' AND NOT c.relispartition AND pg_table_is_visible(c.oid)
                    AND NOT (i.status = 'RUNNING' AND i.heartbeat_at >= now() - interval '2 minutes')
                """;
        int dropped = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<String> chunks = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(orphans)) {
                while (rs.next()) {
                    chunks.add(rs.getString(1));
                }
            }
            connection.commit();
            for (String chunk : chunks) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LOCK TABLE " + chunk + " IN ACCESS EXCLUSIVE MODE NOWAIT");
                    try (PreparedStatement still = connection.prepareStatement(orphans + " AND c.relname = ?")) {
                        still.setString(1, chunk);
                        try (ResultSet rs = still.executeQuery()) {
                            if (rs.next()) {
                                statement.execute("DROP TABLE " + chunk);
                                dropped++;
                            }
                        }
                    }
                    connection.commit();
                } catch (SQLException e) {
                    if (!"55P03".equals(e.getSQLState())) { // lock_not_available: in use, left for the next sweep
                        throw e;
                    }
                    connection.rollback();
                }
            }
        }
        return dropped;
    }

    /** FREEZE: a table created in this transaction gets its rows written as already visible to all. */
    private static BinaryCopyStream copyIn(PGConnection pg, String table, String county, boolean freeze) throws SQLException {
        return new BinaryCopyStream(pg.getCopyAPI().copyIn("COPY " + table + " (" + statementColumns(county == null)
                + ") FROM STDIN (FORMAT binary" + (freeze ? ", FREEZE" : "") + ")"));
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is closed and its transaction ends with it
        }
    }

    private static Result loadRegistrations(Connection connection, RosterImport rosterImport, String importedBy,
            Progress progress, Filler filler) throws Exception {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // Sorting a million keys and hashing a million residents in memory instead of on disk.
            statement.execute("SET LOCAL work_mem = '256MB'");
            statement.execute("CREATE TEMPORARY TABLE roster_stage (" + STAGE_COLUMNS + ") ON COMMIT DROP");
        }
        CopyStream copy = new CopyStream(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY roster_stage FROM STDIN"));
        RegistrationStage stage = new RegistrationStage(copy, progress);
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
        if (rosterImport.rosterType() == RosterType.EDUCATION) {
            // A pupil is enrolled in the county where they are registered (the enrollment's key names the resident's
            // county); one registered in another county is a line error, not an enrollment there.
            long elsewhere = update(connection, """
                    UPDATE roster_stage s SET field = '证件号码',
                        reason = '该学生已在其他县（区）（' || r.county_code || '）登记，跨县（区）参保须办理转移接续'
                    FROM resident r
                    WHERE s.reason IS NULL AND r.person_key = s.person_key AND r.county_code <> left(s.region_code, 6)
                    """);
            valid -= elsewhere;
            rejected += elsewhere;
        }
        long analysed = System.nanoTime();

        // Registers the people not yet known. In person-key order, each leaf of the person_key index is touched once
        // instead of once per row; the "C" collation sorts bytes (the same order for these ASCII keys).
        update(connection, """
                INSERT INTO resident (person_key, name, document_type, document_number, sex, birth_date, region_code,
                    county_code, category, phone, school)
                SELECT DISTINCT ON (s.person_key COLLATE "C") s.person_key, s.name, s.document_type, s.document_number, s.sex, s.birth_date,
                    s.region_code, left(s.region_code, 6), s.category, s.phone, s.school
                FROM roster_stage s
                WHERE s.reason IS NULL AND NOT EXISTS (SELECT 1 FROM resident r WHERE r.person_key = s.person_key)
                ORDER BY s.person_key COLLATE "C", s.line
                ON CONFLICT (person_key) DO NOTHING
                """);
        if (rosterImport.rosterType() == RosterType.EDUCATION) {
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
        }
        long merged = System.nanoTime();

        update(connection, """
                INSERT INTO roster_import_error (roster_import_id, line, field, reason)
                SELECT ?, line, field, reason FROM roster_stage WHERE reason IS NOT NULL
                ON CONFLICT DO NOTHING
                """, rosterImport.id());
        long lastLine = finish(connection, rosterImport, stage.lastLine, valid + rejected, valid, rejected);
        long finished = System.nanoTime();
        ImportPhases phases = new ImportPhases(0, staged - start, copy.waitNanos(), analysed - staged, merged - analysed,
                finished - merged, 0);
        return new Result(valid + rejected, valid, 0, rejected, lastLine, List.of(), phases);
    }

    /** Writes the final counts into the status row (a resumed import continues the counts it had committed). */
    private static long finish(Connection connection, RosterImport rosterImport, long stageLastLine, long read, long imported,
            long rejected) throws SQLException {
        long lastLine = Math.max(stageLastLine, rosterImport.committedThroughLine());
        boolean resumed = rosterImport.committedThroughLine() > 0;
        update(connection, """
                UPDATE roster_import SET rows_read = ? + ?, rows_imported = ? + ?, rows_rejected = ? + ?,
                    committed_through_line = ?, status = 'COMPLETED', failure = NULL, finished_at = now(), heartbeat_at = now()
                WHERE id = ?
                """, resumed ? rosterImport.rowsRead() : 0, read, resumed ? rosterImport.rowsImported() : 0, imported,
                resumed ? rosterImport.rowsRejected() : 0, rejected, lastLine, rosterImport.id());
        return lastLine;
    }

    /**
     * The columns of {@code person_identity} whose value is the same for every line of an import and that no CHECK
     * reads, with their types as in V26 (the attach refuses a partition whose column types differ from the parent's).
     */
    private static Map<String, String> sharedColumns(String county) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("source", "varchar(30) NOT NULL");
        columns.put("source_file", "varchar(255)");
        columns.put("source_date", "date NOT NULL");
        columns.put("recorded_by", "varchar(64) NOT NULL");
        columns.put("recorded_at", "timestamptz NOT NULL");
        if (county != null) {
            columns.put("county_code", "varchar(6) NOT NULL");
        }
        return Collections.unmodifiableMap(columns);
    }

    /**
     * The county of an importer who works in one county or below it: every valid line is in it (a line outside the
     * importer's region is rejected), so its code is the import's, not the line's. Null for a city or province importer.
     */
    private static String importersCounty(RosterImport rosterImport) {
        return RegionCode.of(rosterImport.regionCode()).county().map(RegionCode::value).orElse(null);
    }

    /**
     * The import's values of its {@link #sharedColumns}, as SQL. {@code recorded_at} is this transaction's start as a literal,
     * one value for the lines of both chunks (the second connection's {@code now()} would be its own).
     */
    private static Map<String, String> sharedValues(Connection connection, RosterImport rosterImport, String importedBy,
            String county) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String now;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT now()::text")) {
            rs.next();
            now = rs.getString(1);
        }
        Map<String, String> values = new HashMap<>(Map.of("source", literal(pg, rosterImport.rosterType().name()),
                "source_file", literal(pg, rosterImport.fileName()),
                "source_date", "DATE " + literal(pg, rosterImport.sourceDate().toString()),
                "recorded_by", literal(pg, importedBy),
                "recorded_at", "TIMESTAMPTZ " + literal(pg, now)));
        if (county != null) {
            values.put("county_code", literal(pg, county));
        }
        return values;
    }

    /** A string literal for DDL, which takes no bind parameters. */
    private static String literal(PGConnection pg, String text) throws SQLException {
        return "'" + pg.escapeLiteral(text) + "'";
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** People already enrolled and assessed for the year who got an identity from this import (set-based, before commit). */
    private static List<Long> enrolledHolders(Connection connection, RosterImport rosterImport, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT DISTINCT e.resident_id FROM enrollment e
                WHERE e.coverage_year = ? AND e.status IN ('REGISTERED', 'PAID', 'COVERED')
                  AND EXISTS (SELECT 1 FROM %s s WHERE s.person_number = person_number(e.person_key) AND s.person_key = e.person_key)
                  AND (e.status <> 'REGISTERED' OR EXISTS (SELECT 1 FROM assessment_result a WHERE a.coverage_year = e.coverage_year
                       AND a.county_code = e.county_code AND a.enrollment_id = e.id AND a.accepted))
                ORDER BY e.resident_id
                """.formatted(table))) {
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

    private static void cancel(BinaryCopyStream copy) {
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
