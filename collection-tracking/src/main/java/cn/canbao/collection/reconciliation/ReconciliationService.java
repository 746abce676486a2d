package cn.canbao.collection.reconciliation;

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
 * and brings every person's status and the progress rollups up to date. Statuses stream into the
 * database by COPY while the two reads are open; the few items are spooled and copied in afterwards.
 */
@Service
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);
    /** Enough to sort a million people's rows in memory. */
    static final String WORK_MEM = "256MB";

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
        try {
            items = Files.createTempFile("canbao-reconciliation-items-", ".csv");
            Reconciler.Summary summary;
            long started = System.nanoTime();
            // Sorting a year's rows in memory rather than in temporary files (this transaction only).
            jdbc.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
            rollups.createNewStatusTable();
            // Both reads run in parallel on their own connections, seeing this transaction's snapshot; the
            // statuses stream into new_status on this transaction's connection meanwhile (a COPY, which the
            // snapshot of the reads does not see). The few items are spooled and copied in afterwards.
            String snapshot = jdbc.queryForObject("SELECT pg_export_snapshot()", String.class);
            try (SnapshotCopyReader<AssessedEnrollment> enrollmentStream = enrollments.readSorted(snapshot, coverageYear);
                 SnapshotCopyReader<TaxPaymentRecord> recordStream = payments.readSorted(snapshot, coverageYear);
                 Writer itemOut = Files.newBufferedWriter(items, StandardCharsets.UTF_8);
                 Writer statusOut = rollups.streamNewStatus()) {
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
