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
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 * Department roster import. The file is read as a stream; valid rows are committed in batches of
 * {@code canbao.roster.batch-size} (default 5,000) together with the progress counters, so the
 * status row shows progress while it runs and an interrupted import resumes after its last
 * committed line. Bad rows go to the error report (line, field, reason). The same file (by SHA-256,
 * roster type and year) is imported once: submitting it again returns the existing import.
 */
@Service
public class RosterImportService {

    private static final Logger log = LoggerFactory.getLogger(RosterImportService.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final RosterImportRepository imports;
    private final RosterBatchWriter writer;
    private final EnrollmentService enrollments;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbcTemplate;
    private final JdbcTemplate streamingJdbc;
    private final Clock clock;
    private final int batchSize;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "roster-import");
        thread.setDaemon(true);
        return thread;
    });

    public RosterImportService(RosterImportRepository imports, RosterBatchWriter writer, EnrollmentService enrollments,
            AuditLog audit, PlatformTransactionManager transactionManager, JdbcTemplate jdbcTemplate, Clock clock,
            @Value("${canbao.roster.batch-size:5000}") int batchSize) {
        this.imports = imports;
        this.writer = writer;
        this.enrollments = enrollments;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbcTemplate = jdbcTemplate;
        this.streamingJdbc = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.streamingJdbc.setFetchSize(1000);
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Registers the import and runs it in the background; poll {@link #get} for progress. */
    public RosterImport submit(Actor actor, RosterImportRequest request, Path file) {
        Prepared prepared = prepare(actor, request, file);
        if (prepared.run()) {
            background.submit(() -> execute(actor, prepared.rosterImport(), file));
        }
        return prepared.rosterImport();
    }

    /** Registers and runs the import in the caller's thread; returns the final status row. */
    public RosterImport importNow(Actor actor, RosterImportRequest request, Path file) {
        Prepared prepared = prepare(actor, request, file);
        if (prepared.run()) {
            execute(actor, prepared.rosterImport(), file);
        }
        return imports.find(prepared.rosterImport().id()).orElseThrow();
    }

    private record Prepared(RosterImport rosterImport, boolean run) {
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
        String sha256 = sha256(file);
        long size = size(file);
        var existing = imports.findSameFile(sha256, request.rosterType(), request.coverageYear());
        if (existing.isPresent()) {
            RosterImport found = existing.get();
            RegionScope.check(actor, found.regionCode(), "该导入记录");
            boolean resume = found.status() != RosterImport.Status.COMPLETED && imports.claimForResume(found.id(), actor.username());
            audit.recordIndependently(actor, new AuditEntry(resume ? "ROSTER_IMPORT_RESUMED" : "ROSTER_IMPORT_REPEATED",
                    "roster_import", Long.toString(found.id()), found.regionCode(), AuditResult.SUCCESS, null, null,
                    resume ? "从第" + found.committedThroughLine() + "行之后继续" : "同一文件已导入，未做任何更改"));
            return new Prepared(imports.find(found.id()).orElseThrow(), resume);
        }
        var id = imports.insert(request, actor.region().value(), sha256, size, actor.username());
        if (id.isEmpty()) {
            RosterImport raced = imports.findSameFile(sha256, request.rosterType(), request.coverageYear()).orElseThrow();
            return new Prepared(raced, false);
        }
        RosterImport created = imports.find(id.get()).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("rosterType", request.rosterType().name());
        after.put("coverageYear", request.coverageYear());
        after.put("fileName", request.fileName());
        after.put("sha256", sha256);
        audit.recordIndependently(actor, AuditEntry.success("ROSTER_IMPORT_STARTED", "roster_import", created.id(),
                created.regionCode(), null, after));
        return new Prepared(created, true);
    }

    /** One batch handed from the parsing thread to the writing thread; {@code failure} ends the stream. */
    private record Batch(List<RosterRow> rows, List<RowRejection> rejections, long throughLine, RuntimeException failure,
            boolean last) {
    }

    /**
     * Parsing and validating run on their own thread, one batch ahead of the database writes, so
     * the CPU work of reading the file overlaps with PostgreSQL's; at most two batches wait in
     * between, so memory stays constant.
     */
    private void execute(Actor actor, RosterImport rosterImport, Path file) {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread parser = new Thread(() -> parse(rosterImport, file, queue, cancelled), "roster-parse-" + rosterImport.id());
        parser.setDaemon(true);
        parser.start();
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch.failure() != null) {
                    throw batch.failure();
                }
                flush(actor, rosterImport, batch.rows(), batch.rejections(), batch.throughLine());
                if (batch.last()) {
                    break;
                }
            }
            imports.finish(rosterImport.id(), RosterImport.Status.COMPLETED, null);
            RosterImport done = imports.find(rosterImport.id()).orElseThrow();
            audit.recordIndependently(actor, AuditEntry.success("ROSTER_IMPORT_COMPLETED", "roster_import", done.id(),
                    done.regionCode(), null, Map.of("rowsRead", done.rowsRead(), "rowsImported", done.rowsImported(),
                            "rowsRejected", done.rowsRejected(), "residentsCreated", done.residentsCreated())));
        } catch (TabularFileException e) {
            fail(actor, rosterImport, e.getMessage());
        } catch (UncheckedIOException e) {
            fail(actor, rosterImport, "文件读取失败：" + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(actor, rosterImport, "导入被中断");
        } catch (RuntimeException e) {
            log.error("Roster import {} failed", rosterImport.id(), e);
            fail(actor, rosterImport, "导入中断：" + e.getMessage());
        } finally {
            cancelled.set(true);
            queue.clear();
        }
    }

    private void parse(RosterImport rosterImport, Path file, BlockingQueue<Batch> queue, AtomicBoolean cancelled) {
        RegionCode scope = RegionCode.of(rosterImport.regionCode());
        long resumeAfter = rosterImport.committedThroughLine();
        List<RosterRow>[] rows = new List[] {new ArrayList<RosterRow>(batchSize)};
        List<RowRejection>[] rejections = new List[] {new ArrayList<RowRejection>()};
        long[] lastLine = {resumeAfter};
        try (TabularReader reader = TabularReader.open(file)) {
            RosterRowMapper mapper = new RosterRowMapper(rosterImport.rosterType(), scope, imports.regionsWithin(scope),
                    LocalDate.now(clock), rosterImport.sourceDate());
            reader.mapRows(mapper, outcome -> {
                if (outcome.line() <= resumeAfter) {
                    return;
                }
                if (outcome instanceof RowOutcome.Mapped<RosterRow> mapped) {
                    rows[0].add(mapped.value());
                } else if (outcome instanceof RowOutcome.Rejected<RosterRow> rejected) {
                    rejections[0].add(rejected.rejection());
                }
                lastLine[0] = outcome.line();
                if (rows[0].size() + rejections[0].size() >= batchSize) {
                    hand(queue, cancelled, new Batch(rows[0], rejections[0], lastLine[0], null, false));
                    rows[0] = new ArrayList<>(batchSize);
                    rejections[0] = new ArrayList<>();
                }
            });
            hand(queue, cancelled, new Batch(rows[0], rejections[0], lastLine[0], null, true));
        } catch (IOException e) {
            hand(queue, cancelled, new Batch(null, null, 0, new UncheckedIOException(e), true));
        } catch (CancellationException e) {
            // the writer stopped; nothing more to hand over
        } catch (RuntimeException e) {
            hand(queue, cancelled, new Batch(null, null, 0, e, true));
        }
    }

    private static void hand(BlockingQueue<Batch> queue, AtomicBoolean cancelled, Batch batch) {
        try {
            while (!queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
                if (cancelled.get()) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
    }

    private void fail(Actor actor, RosterImport rosterImport, String reason) {
        imports.finish(rosterImport.id(), RosterImport.Status.FAILED, reason);
        audit.recordIndependently(actor, new AuditEntry("ROSTER_IMPORT_FAILED", "roster_import",
                Long.toString(rosterImport.id()), rosterImport.regionCode(), AuditResult.FAILED, null, null, reason));
    }

    private void flush(Actor actor, RosterImport rosterImport, List<RosterRow> rows, List<RowRejection> rejections, long throughLine) {
        if (rows.isEmpty() && rejections.isEmpty()) {
            return;
        }
        RosterBatchWriter.Result result = null;
        for (int attempt = 1; result == null; attempt++) {
            try {
                result = transactions.execute(status -> {
                    RosterBatchWriter.Result written = writer.write(rosterImport, rows, rejections, actor.username());
                    imports.progress(rosterImport.id(), rows.size() + rejections.size(), written.imported(), rejections.size(),
                            written.residentsCreated(), throughLine);
                    return written;
                });
            } catch (RosterBatchWriter.RosterWriteException e) {
                // Another import created one of these people between lookup and COPY: look up again.
                if (!e.uniqueViolation() || attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
        reassessEnrolled(actor, rosterImport, result.residentsWithIdentities());
    }

    /** Identities imported for people already assessed or paid for the year change what they owe. */
    private void reassessEnrolled(Actor actor, RosterImport rosterImport, List<Long> residentIds) {
        if (residentIds.isEmpty()) {
            return;
        }
        List<Long> enrolled = jdbcTemplate.queryForList("""
                SELECT DISTINCT resident_id FROM enrollment WHERE coverage_year = ? AND resident_id = ANY (?)
                  AND status IN ('ASSESSED', 'PAID', 'COVERED')
                """, Long.class, rosterImport.coverageYear(), residentIds.toArray(Long[]::new));
        if (enrolled.isEmpty()) {
            return;
        }
        try {
            enrollments.reassess(actor, enrolled, rosterImport.coverageYear());
        } catch (ConflictException e) {
            log.warn("Roster import {}: {} enrolled people not re-assessed: {}", rosterImport.id(), enrolled.size(), e.getMessage());
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
