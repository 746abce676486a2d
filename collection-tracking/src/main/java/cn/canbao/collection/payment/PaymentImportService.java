package cn.canbao.collection.payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.collection.reconciliation.BalanceLine;
import cn.canbao.collection.reconciliation.ControlTotal;
import cn.canbao.collection.reconciliation.ControlTotalCheck;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.Column;
import cn.canbao.tabular.HeaderMapping;
import cn.canbao.tabular.MappedRow;
import cn.canbao.tabular.TabularFileException;
import cn.canbao.tabular.TabularFormat;
import cn.canbao.tabular.TabularReader;

/**
 * Imports a tax-bureau payment file (CSV or xlsx), streaming: good rows are kept, bad rows are
 * reported with line, field and reason, and importing the same rows again writes nothing.
 * One transaction per file, the enrollments it pays included: a file that cannot be read at all changes nothing.
 */
@Service
public class PaymentImportService {

    /** The columns of a payment file for the tabular reader; names as {@link PaymentField}. */
    public static final List<Column> COLUMNS = Arrays.stream(PaymentField.values())
            .map(f -> new Column(f.name(), f.headers(), f.required(), 100))
            .toList();

    private final PaymentRepository payments;
    private final TransactionTemplate transaction;
    private final EnrollmentPaymentLink enrollmentLink;

    public PaymentImportService(PaymentRepository payments, TransactionTemplate transaction, EnrollmentPaymentLink enrollmentLink) {
        this.payments = payments;
        this.transaction = transaction;
        this.enrollmentLink = enrollmentLink;
    }

    /**
     * @param scope the importing user's region: rows collected outside it are rejected
     * @param controls the file's control totals; may be empty (then nothing balances, which the
     *     report shows)
     */
    public PaymentImportReport importFile(InputStream input, String fileName, List<ControlTotal> controls, RegionCode scope, String user) {
        Path copy = null;
        try {
            // Spooled to a temporary file while hashing, so files of any size stream in constant memory.
            copy = Files.createTempFile("canbao-payments-", ".upload");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(input, digest)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Optional<Long> earlier = payments.batchWithHash(sha256);
            if (earlier.isPresent()) {
                return earlierReport(earlier.get());
            }
            Path file = copy;
            return transaction.execute(status -> {
                PaymentImportReport report = importContent(file, fileName, sha256, controls, scope, user);
                // Enrollments follow the money in the same transaction, set-based for the whole batch.
                return report.inserted() == 0 ? report : report.withEnrollments(enrollmentLink.applyBatch(report.batchId().orElseThrow(), user));
            });
        } catch (TabularFileException e) {
            return PaymentImportReport.refused(e.line() > 0 ? "第" + e.line() + "行：" + e.getMessage() : e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (copy != null) {
                copy.toFile().delete();
            }
        }
    }

    private PaymentImportReport importContent(Path content, String fileName, String sha256, List<ControlTotal> controls,
                                              RegionCode scope, String user) {
        try (TabularReader reader = TabularReader.open(content)) {
            HeaderMapping mapping = HeaderMapping.resolve(reader.headers(), COLUMNS);
            long batchId = payments.createBatch(fileName, sha256, reader.format() == TabularFormat.XLSX ? "XLSX" : "CSV", scope, user);
            PaymentRepository.Staging staging = payments.openStaging(batchId, user);
            ControlTotalCheck check = new ControlTotalCheck();
            List<RowError> errors = new ArrayList<>();
            long read = 0;
            try {
                while (reader.hasNext()) {
                    MappedRow row = mapping.map(reader.next());
                    read++;
                    Map<PaymentField, String> values = new EnumMap<>(PaymentField.class);
                    for (PaymentField field : PaymentField.values()) {
                        values.put(field, row.text(field.name()));
                    }
                    PaymentRowParser.Outcome outcome = PaymentRowParser.parse(row.line(), values);
                    if (!outcome.accepted()) {
                        errors.addAll(outcome.errors());
                        continue;
                    }
                    TaxPaymentRecord record = outcome.record().orElseThrow();
                    if (!withinScope(record.collectingRegion(), scope)) {
                        errors.add(new RowError(row.line(), PaymentField.COLLECTING_REGION.header(),
                                "征收地区" + record.collectingRegion() + "不在您的管辖区域" + scope + "内"));
                        continue;
                    }
                    check.add(record);
                    staging.add(row.line(), record);
                }
            } catch (RuntimeException e) {
                // A file that fails in the middle (bad bytes, an oversized cell) must not leave the COPY open:
                // an open COPY blocks the connection, and the rollback would wait for ever.
                staging.abandon();
                throw e;
            }
            PaymentRepository.MergeResult merged = staging.merge();
            errors.addAll(merged.conflicts());
            errors.sort(Comparator.comparingLong(RowError::line));
            long rejectedRows = errors.stream().mapToLong(RowError::line).distinct().count();
            List<BalanceLine> balance = check.against(controls);
            payments.saveErrors(batchId, errors);
            payments.saveBalance(batchId, balance);
            payments.finishBatch(batchId, read, merged.inserted(), merged.alreadyPresent(), rejectedRows);
            return new PaymentImportReport(Optional.of(batchId), Optional.empty(), read, merged.inserted(), merged.alreadyPresent(),
                    rejectedRows, errors.subList(0, Math.min(errors.size(), PaymentImportReport.MAX_ERRORS_SHOWN)), balance, Optional.empty(), EnrollmentPaymentLink.Summary.NOTHING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A record may be written by a user whose region contains the collecting region, or whose
     * region lies within it (a township worker records what the county tax office collected).
     */
    static boolean withinScope(RegionCode collectingRegion, RegionCode scope) {
        return collectingRegion.isWithin(scope) || scope.isWithin(collectingRegion);
    }

    private PaymentImportReport earlierReport(long batchId) {
        PaymentBatch batch = payments.batch(batchId).orElseThrow();
        return new PaymentImportReport(Optional.of(batchId), Optional.of(batchId), batch.rowsRead(), 0, batch.rowsRead() - batch.rowsRejected(),
                batch.rowsRejected(), payments.errors(batchId, PaymentImportReport.MAX_ERRORS_SHOWN), payments.balance(batchId), Optional.empty(),
                EnrollmentPaymentLink.Summary.NOTHING);
    }
}
