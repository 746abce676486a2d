package cn.canbao.collection.reconciliation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.collection.SnapshotCopyReader;
import cn.canbao.collection.payment.TaxPaymentRecord;
import cn.canbao.collection.payment.PaymentRepository;
import cn.canbao.collection.progress.PersonStatus;
import cn.canbao.collection.progress.ProgressRollupRepository;

/**
 * Runs reconciliation (钱人一致) for a coverage year: streams enrollments and payment records in
 * ID-number order through the {@link Reconciler}, stores the differences as the year's worklists
 * and brings every person's status and the progress rollups up to date. Items and statuses are
 * spooled to temporary files while the two cursors are open and copied in afterwards.
 */
@Service
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final JdbcTemplate jdbc;
    private final EnrollmentSource enrollments;
    private final PaymentRepository payments;
    private final ReconciliationRepository runs;
    private final ProgressRollupRepository rollups;

    public ReconciliationService(JdbcTemplate jdbc, EnrollmentSource enrollments, PaymentRepository payments,
                                 ReconciliationRepository runs, ProgressRollupRepository rollups) {
        this.jdbc = jdbc;
        this.enrollments = enrollments;
        this.payments = payments;
        this.runs = runs;
        this.rollups = rollups;
    }

    /** A finished run: its id and counts. */
    public record RunResult(long runId, Reconciler.Summary summary) {
    }

    @Transactional
    public RunResult run(int coverageYear, String user) {
        long runId = runs.createRun(coverageYear, user);
        Path items = null;
        Path statuses = null;
        try {
            items = Files.createTempFile("canbao-reconciliation-items-", ".csv");
            statuses = Files.createTempFile("canbao-person-status-", ".csv");
            Reconciler.Summary summary;
            long started = System.nanoTime();
            // Both reads run in parallel on their own connections, seeing this transaction's snapshot.
            String snapshot = jdbc.queryForObject("SELECT pg_export_snapshot()", String.class);
            try (SnapshotCopyReader<AssessedEnrollment> enrollmentStream = enrollments.readSorted(snapshot, coverageYear);
                 SnapshotCopyReader<TaxPaymentRecord> recordStream = payments.readSorted(snapshot, coverageYear);
                 Writer itemOut = Files.newBufferedWriter(items, StandardCharsets.UTF_8);
                 Writer statusOut = new BufferedWriter(Files.newBufferedWriter(statuses, StandardCharsets.UTF_8), 1 << 16)) {
                summary = Reconciler.reconcileSorted(enrollmentStream, recordStream, outcome -> {
                    try {
                        for (Difference d : outcome.differences()) {
                            itemOut.write(ReconciliationRepository.csvLine(runId, d));
                        }
                        PersonStatus status = PersonStatus.of(outcome);
                        if (!status.empty()) {
                            statusOut.write(status.csvLine());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            long matched = System.nanoTime();
            try (var reader = Files.newBufferedReader(items, StandardCharsets.UTF_8)) {
                runs.copyItems(reader);
            }
            rollups.createNewStatusTable();
            try (var reader = Files.newBufferedReader(statuses, StandardCharsets.UTF_8)) {
                rollups.copyNewStatus(reader);
            }
            long copied = System.nanoTime();
            rollups.apply(coverageYear, true);
            runs.finishRun(runId, summary);
            log.info("reconciliation run {} for {}: {} people matched in {} ms, items and statuses copied in {} ms, rollups in {} ms",
                    runId, coverageYear, summary.people(), (matched - started) / 1_000_000, (copied - matched) / 1_000_000,
                    (System.nanoTime() - copied) / 1_000_000);
            return new RunResult(runId, summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(items);
            delete(statuses);
        }
    }

    /**
     * Reconciles one person now (after a single record arrived): their status and the rollups are
     * updated at once; their worklist items appear with the next run.
     */
    @Transactional
    public PersonOutcome reconcilePerson(int coverageYear, String idNumber) {
        Optional<AssessedEnrollment> enrollment = enrollments.find(coverageYear, idNumber);
        List<TaxPaymentRecord> records = payments.ofPerson(coverageYear, idNumber);
        PersonOutcome outcome = Reconciler.reconcilePerson(new Reconciler.PersonKey(coverageYear, idNumber), enrollment, records);
        rollups.replace(coverageYear, List.of(PersonStatus.of(outcome)));
        return outcome;
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
