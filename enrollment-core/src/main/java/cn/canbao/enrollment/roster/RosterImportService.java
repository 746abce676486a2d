package cn.canbao.enrollment.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.audit.AuditResult;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.common.NotFoundException;
import cn.canbao.enrollment.common.RegionScope;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.RejectionReportWriter;
import cn.canbao.tabular.RowOutcome;
import cn.canbao.tabular.RowRejection;
import cn.canbao.tabular.SpreadsheetWriter;
import cn.canbao.tabular.TabularFileException;
import cn.canbao.tabular.TabularReader;

/**
 * Department roster import. The file is read as a stream and every line validated; an identity
 * roster's valid lines become identity statements keyed by person key (it creates no residents), the
 * education and newborn rosters register their people; rejected lines (line, field, reason) go to the
 * error report. All of it in one transaction ({@link RosterLoader}): an import commits completely or not at all.
 * The status row shows the lines read while it runs. The same file (by SHA-256, roster type and
 * year) is imported once: submitting it again returns the existing import; submitting a failed or
 * dead one runs it again.
 */
@Service
public class RosterImportService implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RosterImportService.class);
    private static final long PROGRESS_INTERVAL_MILLIS = 1_000;
    private static final int REASSESS_CHUNK = 500;
    private static final int PUBLISH_EVERY = 1024;

    private final RosterImportRepository imports;
    private final RosterLoader loader;
    private final EnrollmentService enrollments;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JdbcTemplate streamingJdbc;
    private final Clock clock;
    private volatile ImportPhases lastPhases;
    private volatile long lastFromBytes;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "roster-import");
        thread.setDaemon(true);
        return thread;
    });

    public RosterImportService(RosterImportRepository imports, RosterLoader loader, EnrollmentService enrollments,
            AuditLog audit, PlatformTransactionManager transactionManager, JdbcTemplate jdbcTemplate, Clock clock) {
        this.imports = imports;
        this.loader = loader;
        this.enrollments = enrollments;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.streamingJdbc = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.streamingJdbc.setFetchSize(1000);
        this.clock = clock;
    }

    /**
     * At start: an identity import that died between its two connections' commits left half of its statements in a
     * table that is not attached (invisible, but on disk); a run of the same import would drop it, this drops the ones
     * of imports nobody submits again.
     */
    @Override
    public void run(ApplicationArguments args) {
        try {
            int dropped = loader.dropChunksOfDeadImports();
            if (dropped > 0) {
                log.info("Dropped {} unattached chunk table(s) left by roster imports that died", dropped);
            }
        } catch (SQLException e) {
            log.warn("Could not drop the chunk tables left by roster imports that died; the next start tries again", e);
        }
    }

    /** Registers the import and runs it in the background; poll {@link #get} for progress. */
    public RosterImport submit(Actor actor, RosterImportRequest request, Path file) {
        Prepared prepared = prepare(actor, request, file);
        if (prepared.run()) {
            background.submit(() -> execute(actor, prepared.rosterImport(), file, prepared.hashNanos()));
        }
        return prepared.rosterImport();
    }

    /** Registers and runs the import in the caller's thread; returns the final status row. */
    public RosterImport importNow(Actor actor, RosterImportRequest request, Path file) {
        Prepared prepared = prepare(actor, request, file);
        if (prepared.run()) {
            execute(actor, prepared.rosterImport(), file, prepared.hashNanos());
        }
        return imports.find(prepared.rosterImport().id()).orElseThrow();
    }

    private record Prepared(RosterImport rosterImport, boolean run, long hashNanos) {
    }

    /** Where the time of the last import run by this service went (the benchmark prints it). */
    ImportPhases lastPhases() {
        return lastPhases;
    }

    /** How many lines of the last import run by this service were taken from the file's bytes ({@link StatementLines}). */
    long lastFromBytes() {
        return lastFromBytes;
    }

    private Prepared prepare(Actor actor, RosterImportRequest request, Path file) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.rosterType() == null) {
            problems.add(new FieldProblem("rosterType", "请选择名单类型"));
        }
        int thisYear = LocalDate.now(clock).getYear();
        if (request.coverageYear() < thisYear - 1 || request.coverageYear() > thisYear + 1) {
            problems.add(new FieldProblem("coverageYear", "只能导入上一年度至下一年度的名单"));
        }
        if (request.sourceDate() == null || request.sourceDate().isAfter(LocalDate.now(clock))) {
            problems.add(new FieldProblem("sourceDate", "请填写名单下发日期（不晚于今天）"));
        }
        if (request.fileName() == null || request.fileName().isBlank() || request.fileName().length() > 255) {
            problems.add(new FieldProblem("file", "请选择文件"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        long hashStart = System.nanoTime();
        String sha256 = sha256(file);
        long hashNanos = System.nanoTime() - hashStart;
        long size = size(file);
        var existing = imports.findSameFile(sha256, request.rosterType(), request.coverageYear());
        if (existing.isPresent()) {
            RosterImport found = existing.get();
            RegionScope.check(actor, found.regionCode(), "该导入记录");
            boolean resume = found.status() != RosterImport.Status.COMPLETED && imports.claimForResume(found.id(), actor.username());
            audit.recordIndependently(actor, new AuditEntry(resume ? "ROSTER_IMPORT_RESUMED" : "ROSTER_IMPORT_REPEATED",
                    "roster_import", Long.toString(found.id()), found.regionCode(), AuditResult.SUCCESS, null, null,
                    resume ? "从第" + found.committedThroughLine() + "行之后继续" : "同一文件已导入，未做任何更改"));
            return new Prepared(imports.find(found.id()).orElseThrow(), resume, hashNanos);
        }
        var id = imports.insert(request, actor.region().value(), sha256, size, actor.username());
        if (id.isEmpty()) {
            RosterImport raced = imports.findSameFile(sha256, request.rosterType(), request.coverageYear()).orElseThrow();
            return new Prepared(raced, false, hashNanos);
        }
        RosterImport created = imports.find(id.get()).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("rosterType", request.rosterType().name());
        after.put("coverageYear", request.coverageYear());
        after.put("fileName", request.fileName());
        after.put("sha256", sha256);
        audit.recordIndependently(actor, AuditEntry.success("ROSTER_IMPORT_STARTED", "roster_import", created.id(),
                created.regionCode(), null, after));
        return new Prepared(created, true, hashNanos);
    }

        /**
     * Reads the file and loads it in one transaction ({@link RosterLoader}): this thread parses and
     * validates while the PostgreSQL backend stores the COPY stream, so the two overlap on two cores.
     * A reporter thread writes the lines read so far and a heartbeat into the status row every second.
     */
    private void execute(Actor actor, RosterImport rosterImport, Path file, long hashNanos) {
        ProgressReporter reporter = new ProgressReporter(rosterImport);
        reporter.start();
        try {
            RosterLoader.Result result = loader.load(rosterImport, actor.username(), reporter,
                    stage -> parse(rosterImport, file, stage));
            reporter.stop();
            lastPhases = result.phases().withHash(hashNanos);
            lastFromBytes = result.fromBytes();
            log.info("Roster import {}: {} lines, {} imported ({} of them taken from the bytes), {} rejected in {} ms ({})",
                    rosterImport.id(), result.linesRead(), result.imported(), result.fromBytes(), result.rejected(),
                    lastPhases.total() / 1_000_000, lastPhases);
            reassessEnrolled(actor, rosterImport, result.enrolledHolders());
            RosterImport done = imports.find(rosterImport.id()).orElseThrow();
            audit.recordIndependently(actor, AuditEntry.success("ROSTER_IMPORT_COMPLETED", "roster_import", done.id(),
                    done.regionCode(), null, Map.of("rowsRead", done.rowsRead(), "rowsImported", done.rowsImported(),
                            "rowsRejected", done.rowsRejected())));
        } catch (TabularFileException e) {
            fail(actor, rosterImport, e.getMessage());
        } catch (UncheckedIOException e) {
            fail(actor, rosterImport, "文件读取失败：" + e.getMessage());
        } catch (IOException e) {
            fail(actor, rosterImport, "文件读取失败：" + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(actor, rosterImport, "导入被中断");
        } catch (Exception e) {
            log.error("Roster import {} failed", rosterImport.id(), e);
            fail(actor, rosterImport, "导入中断：" + e.getMessage());
        } finally {
            reporter.stop();
        }
    }

    /** Streams the file's lines after the last committed one into the stage, in file order. */
    private void parse(RosterImport rosterImport, Path file, RosterLoader.Stage stage) throws IOException {
        RegionCode scope = RegionCode.of(rosterImport.regionCode());
        long resumeAfter = rosterImport.committedThroughLine();
        try (TabularReader reader = TabularReader.open(file)) {
            Set<String> regions = imports.regionsWithin(scope);
            LocalDate today = LocalDate.now(clock);
            RosterRowMapper mapper = new RosterRowMapper(rosterImport.rosterType(), scope, regions, today, rosterImport.sourceDate());
            // Plain lines of an identity roster go from the bytes to the COPY (StatementLines); a resumed import (the
            // earlier loader's) skips its committed lines by their outcomes, so it maps every line.
            reader.mapRows(mapper, mapping -> resumeAfter > 0 ? null : StatementLines.of(mapping, reader.headers().size(),
                    rosterImport.rosterType(), regions, today, rosterImport.sourceDate(), stage), outcome -> {
                if (outcome.line() <= resumeAfter) {
                    return;
                }
                if (outcome instanceof RowOutcome.Mapped<RosterRow> mapped) {
                    stage.row(mapped.value());
                } else if (outcome instanceof RowOutcome.Rejected<RosterRow> rejected) {
                    stage.rejection(rejected.rejection());
                }
            });
        }
    }

    /**
     * Shows the lines read so far in the status row (a resumed import continues from the counts it
     * had committed) and keeps the heartbeat fresh while the merge runs, so nobody takes the import
     * for dead and starts it a second time.
     */
    private final class ProgressReporter implements RosterLoader.Progress {
        private final RosterImport rosterImport;
        private final long baseRead;
        private final long baseRejected;
        /** Counted by the parsing thread alone; published to the reporter every {@link #PUBLISH_EVERY} lines. */
        private long parsedLines;
        private long parsedRejected;
        private volatile long read;
        private volatile long rejected;
        private volatile boolean running = true;
        private final Thread thread;

        ProgressReporter(RosterImport rosterImport) {
            this.rosterImport = rosterImport;
            boolean resumed = rosterImport.committedThroughLine() > 0;
            this.baseRead = resumed ? rosterImport.rowsRead() : 0;
            this.baseRejected = resumed ? rosterImport.rowsRejected() : 0;
            this.thread = new Thread(this::report, "roster-progress-" + rosterImport.id());
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void read(boolean rejectedLine) {
            parsedLines++;
            if (rejectedLine) {
                parsedRejected++;
            }
            // A volatile write per line would cost every line a memory barrier; the page shows whole thousands anyway.
            if ((parsedLines & (PUBLISH_EVERY - 1)) == 0) {
                rejected = parsedRejected;
                read = parsedLines;
            }
        }

        private void report() {
            long written = -1;
            while (running) {
                try {
                    Thread.sleep(PROGRESS_INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                try {
                    long now = read;
                    imports.reading(rosterImport.id(), baseRead + now, baseRejected + rejected);
                    written = now;
                } catch (RuntimeException e) {
                    log.warn("Roster import {}: progress not written after {} lines: {}", rosterImport.id(), written, e.getMessage());
                }
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fail(Actor actor, RosterImport rosterImport, String reason) {
        imports.finish(rosterImport.id(), RosterImport.Status.FAILED, reason);
        audit.recordIndependently(actor, new AuditEntry("ROSTER_IMPORT_FAILED", "roster_import",
                Long.toString(rosterImport.id()), rosterImport.regionCode(), AuditResult.FAILED, null, null, reason));
    }

    /** Identities imported for people already assessed or paid for the year change what they owe; after the commit. */
    private void reassessEnrolled(Actor actor, RosterImport rosterImport, List<Long> enrolled) {
        for (int from = 0; from < enrolled.size(); from += REASSESS_CHUNK) {
            List<Long> chunk = enrolled.subList(from, Math.min(enrolled.size(), from + REASSESS_CHUNK));
            try {
                enrollments.reassess(actor, chunk, rosterImport.coverageYear());
            } catch (ConflictException e) {
                log.warn("Roster import {}: {} enrolled people not re-assessed: {}", rosterImport.id(), chunk.size(), e.getMessage());
            }
        }
    }

    public RosterImport get(Actor actor, long id) {
        RosterImport found = imports.find(id).orElseThrow(() -> new NotFoundException("导入记录不存在：" + id));
        RegionScope.check(actor, found.regionCode(), "该导入记录");
        return found;
    }

    public List<RosterImport> recent(Actor actor, int limit) {
        return imports.recent(actor.region(), Math.min(Math.max(limit, 1), 200));
    }

    /** How many of the year's imports in the actor's region have rejected rows or failed (the county's "imports to check"). */
    public long countToCheck(Actor actor, int coverageYear) {
        return imports.countToCheck(actor.region(), coverageYear);
    }

    public List<RowRejection> rejections(Actor actor, long id, int limit) {
        get(actor, id);
        return imports.rejections(id, Math.min(Math.max(limit, 1), 1000));
    }

    /** Streams the error report (行号, 字段, 原因) as CSV; audited as an export. */
    public void writeErrorReport(Actor actor, long id, OutputStream out) throws IOException {
        RosterImport found = get(actor, id);
        try (RejectionReportWriter report = new RejectionReportWriter(out)) {
            transactions.executeWithoutResult(status -> {
                streamingJdbc.query("SELECT line, field, reason FROM roster_import_error WHERE roster_import_id = ? ORDER BY line",
                        rs -> {
                            try {
                                report.write(new RowRejection(rs.getLong(1), rs.getString(2), rs.getString(3)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }, id);
            });
        }
        audit.recordIndependently(actor, new AuditEntry("ROSTER_ERRORS_EXPORTED", "roster_import", Long.toString(id),
                found.regionCode(), AuditResult.SUCCESS, null, null, null));
    }

    /** The xlsx template of a roster type: the columns in order and one example row. */
    public void writeTemplate(RosterType type, String exampleRegion, OutputStream out) throws IOException {
        SpreadsheetWriter.writeTemplate(out, type.chineseName().split("：")[0], RosterRowMapper.columnsOf(type),
                List.of(type.exampleRow("340321199001011234", exampleRegion)));
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) != -1) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
