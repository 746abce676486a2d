package cn.canbao.collection.payment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import cn.canbao.collection.reconciliation.AssessedEnrollment;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.enrollment.enrollment.EnrollmentRules;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.money.Money;

/**
 * Moves enrollments along with the tax ledger: when a person's ledger records cover the assessed amount,
 * the enrollment is marked paid (then covered) with the covering transaction id as reference; when that
 * payment is reversed (冲正), the enrollment goes back to assessed. Decided from the whole ledger of the
 * person and year every time, so applying it again changes nothing. Set-based: the people of an import
 * batch are read in one query, decided in memory by the pure {@link #decide}, and written by two
 * statements in the import's transaction, with the rules of {@code EnrollmentService.recordPayment} and
 * {@code reversePayment} (coverage start, paid or covered, the overpaid settlement item, the audit rows).
 * An enrollment already paid by another reference refuses the payment: counted, never an error.
 */
@Service
public class EnrollmentPaymentLink {

    /** Tax files print local booking times (docs/collection.md, decision 9). */
    static final ZoneId TAX_TIME_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(EnrollmentPaymentLink.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Clock clock;

    public EnrollmentPaymentLink(JdbcTemplate jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * What applying the ledger did to enrollments.
     *
     * @param paid enrollments marked paid
     * @param reversed enrollments moved back to assessed
     * @param refused people whose enrollment refused the payment (e.g. already paid by another
     *     reference); the reconciliation worklists carry them
     */
    public record Summary(long paid, long reversed, long refused) {
        public static final Summary NOTHING = new Summary(0, 0, 0);

        Summary plus(Summary other) {
            return new Summary(paid + other.paid, reversed + other.reversed, refused + other.refused);
        }
    }

    /**
     * What the ledger asks of one enrollment.
     *
     * @param reversedPayments payments cancelled by a reversal: an enrollment paid by one of them is undone
     * @param covering the payment with which the running sum of effective payments (booking order) reached
     *     the assessed amount, and that running sum; empty while the money does not cover it
     */
    public record Decision(List<String> reversedPayments, Optional<Covering> covering) {
    }

    public record Covering(TaxPaymentRecord payment, Money paidSoFar) {
    }

    /**
     * Pure rule: the enrollment is paid by the first payment in booking order with which the effective
     * payments (not reversed) reach the assessed amount. Refunds (退费) do not undo a payment: they settle
     * what was paid beyond the person's share (先缴后补, overpayment) or follow an ended enrollment, both
     * decided on the enrollment side. An assessed zero needs no money and is left to the enrollment side.
     */
    public static Decision decide(Optional<AssessedEnrollment> enrollment, List<TaxPaymentRecord> records) {
        return decideFor(enrollment.flatMap(AssessedEnrollment::assessedAmount), records);
    }

    /** {@link #decide(Optional, List)} given the assessed amount alone (empty while not assessed). */
    public static Decision decideFor(Optional<Money> due, List<TaxPaymentRecord> records) {
        Set<String> paymentIds = new HashSet<>();
        records.stream().filter(r -> r.kind() == PaymentKind.PAYMENT).forEach(r -> paymentIds.add(r.transactionId()));
        Set<String> reversed = new HashSet<>();
        Money orphanReversals = Money.ZERO;
        for (TaxPaymentRecord r : records) {
            if (r.kind() == PaymentKind.REVERSAL) {
                if (paymentIds.contains(r.reverses().orElseThrow())) {
                    reversed.add(r.reverses().get());
                } else {
                    orphanReversals = orphanReversals.plus(r.amount());
                }
            }
        }
        List<String> reversedPayments = reversed.stream().sorted().toList();
        if (due.isEmpty() || !due.get().isPositive()) {
            return new Decision(reversedPayments, Optional.empty());
        }
        List<TaxPaymentRecord> effective = new ArrayList<>(records.stream()
                .filter(r -> r.kind() == PaymentKind.PAYMENT && !reversed.contains(r.transactionId())).toList());
        effective.sort(Comparator.comparing(TaxPaymentRecord::paidAt).thenComparing(TaxPaymentRecord::transactionId));
        // A reversal of a payment not imported yet still counts as money gone (decision 5).
        Money sum = orphanReversals.negate();
        for (TaxPaymentRecord r : effective) {
            sum = sum.plus(r.amount());
            if (sum.compareTo(due.get()) >= 0) {
                return new Decision(reversedPayments, Optional.of(new Covering(r, sum)));
            }
        }
        return new Decision(reversedPayments, Optional.empty());
    }

    /**
     * Applies the ledger of every person with a record in the import batch, in the caller's
     * transaction (the import's): a few set-based statements for the whole batch.
     */
    public Summary applyBatch(long batchId, String user) {
        preparePeople();
        jdbc.update("INSERT INTO link_person SELECT DISTINCT coverage_year, id_number FROM payment_record WHERE batch_id = ?", batchId);
        return apply(user);
    }

    /** Applies one person's ledger for the year to their enrollment, in the caller's transaction. */
    public Summary applyPerson(int coverageYear, String idNumber, String user) {
        preparePeople();
        jdbc.update("INSERT INTO link_person VALUES (?, ?)", coverageYear, idNumber);
        return apply(user);
    }

    private void preparePeople() {
        jdbc.execute("DROP TABLE IF EXISTS link_person");
        jdbc.execute("CREATE TEMP TABLE link_person (coverage_year smallint NOT NULL, id_number varchar(18) COLLATE \"C\" NOT NULL) "
                + "ON COMMIT DROP");
    }

    /**
     * The people in {@code link_person}: their enrollments and whole ledgers are read in one sorted
     * query, each person is decided by {@link #decide} (pure), and the changes are written by one
     * statement for the reversals and one for the payments, each with its audit rows (and the
     * settlement items of overpayments) in the same statement.
     */
    private Summary apply(String user) {
        jdbc.execute("ANALYZE link_person");
        // A file's people and ledgers are sorted in memory rather than in temporary files (this transaction only).
        jdbc.execute("SET LOCAL work_mem = '128MB'");
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        Path changes = null;
        try {
            changes = Files.createTempFile("canbao-payment-link-", ".csv");
            long refused;
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(changes, StandardCharsets.UTF_8), 1 << 16)) {
                PersonReader reader = new PersonReader(out, today);
                jdbc.query(con -> {
                    PreparedStatement ps = con.prepareStatement(READ, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    ps.setFetchSize(10_000);
                    return ps;
                }, reader);
                reader.finish();
                refused = reader.refused;
            }
            long decided = System.nanoTime();
            jdbc.execute("DROP TABLE IF EXISTS link_change");
            jdbc.execute("CREATE TEMP TABLE link_change (action char(1) NOT NULL, enrollment_id bigint NOT NULL, coverage_year smallint NOT NULL, "
                    + "reference varchar(64) NOT NULL, status varchar(20), paid_at timestamptz, paid_fen bigint, coverage_start date, "
                    + "due_fen bigint, policy_version varchar(64)) ON COMMIT DROP");
            copyIn("COPY link_change FROM STDIN (FORMAT csv)", changes);
            jdbc.execute("ANALYZE link_change");
            long reversed = jdbc.queryForObject(REVERSE, Long.class, user);
            long paid = jdbc.queryForObject(PAY, Long.class, user, user, user);
            log.debug("payment link: read and decided in {} ms, {} paid, {} reversed, {} refused, written in {} ms",
                    (decided - started) / 1_000_000, paid, reversed, refused, (System.nanoTime() - decided) / 1_000_000);
            return new Summary(paid, reversed, refused);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (changes != null) {
                changes.toFile().delete();
            }
        }
    }

    /**
     * Every ledger record of the people whose enrollment the ledger can change (a positive assessed
     * amount, or paid already), in booking order per person. The assessed amount is the collection
     * view's; the enrollment (with its current assessment's policy version) gives what a payment changes. Records first, as {@link PaymentRepository#RECORD} maps them.
     */
    private static final String READ = "SELECT p.transaction_id, p.coverage_year, p.id_number, p.name, p.amount_fen, p.channel, p.paid_at, "
            + "p.collecting_unit, p.collecting_region, p.kind, p.reverses, "
            + "e.id, e.status, e.flow, e.payment_reference, e.policy_version, r.birth_date, v.assessed_fen "
            + "FROM link_person l "
            + "JOIN collection_enrollment_v v ON v.coverage_year = l.coverage_year AND v.id_number = l.id_number "
            + "JOIN enrollment_with_assessment e ON e.person_key = 'CN' || l.id_number AND e.coverage_year = l.coverage_year "
            + "AND e.status NOT IN ('SUSPENDED', 'TERMINATED') "
            + "JOIN resident r ON r.id = e.resident_id "
            + "JOIN payment_record p ON p.coverage_year = l.coverage_year AND p.id_number = l.id_number "
            + "WHERE v.assessed_fen > 0 OR e.status IN ('PAID', 'COVERED') "
            + "ORDER BY l.coverage_year, l.id_number, p.paid_at, p.transaction_id";

    /**
     * The audit state of an enrollment row as far as a payment changes it (alias {@code x}); the entity id
     * (year/id) and the region column of the audit row say whose.
     */
    private static final String PAYMENT_STATE = "jsonb_build_object('status', x.status, 'paidFen', x.paid_fen, "
            + "'paymentReference', x.payment_reference, 'coverageStart', x.coverage_start, 'coverageEnd', x.coverage_end)";

    /**
     * A reversed payment undoes the enrollment paid by exactly that reference: back to registered, which reads
     * as assessed while its assessment stands ({@code enrollment_with_assessment}).
     */
    private static final String REVERSE = "WITH c AS (SELECT * FROM link_change WHERE action = 'R'), "
            + "before AS (SELECT e.* FROM enrollment e JOIN c ON e.id = c.enrollment_id AND e.coverage_year = c.coverage_year), "
            + "changed AS (UPDATE enrollment e SET status = 'REGISTERED', paid_at = NULL, paid_fen = NULL, payment_reference = NULL, "
            + "coverage_start = NULL, coverage_end = NULL, version = e.version + 1 FROM c "
            + "WHERE e.id = c.enrollment_id AND e.coverage_year = c.coverage_year AND e.status IN ('PAID', 'COVERED') "
            + "AND e.payment_reference = c.reference RETURNING e.*), "
            + "audited AS (INSERT INTO audit_log (username, action, entity_type, entity_id, region_code, before_state, after_state) "
            + "SELECT ?, 'ENROLLMENT_PAYMENT_REVERSED', 'enrollment', x.coverage_year || '/' || x.id, x.region_code, "
            + PAYMENT_STATE.replace("x.", "b.") + ", " + PAYMENT_STATE + " FROM changed x JOIN before b ON b.id = x.id AND b.coverage_year = x.coverage_year) "
            + "SELECT count(*) FROM changed";

    /**
     * An assessed enrollment not paid yet is marked paid (or covered) by the covering payment; the
     * running sum beyond the assessed amount is listed as an OVERPAID settlement, as
     * {@code EnrollmentService.recordPayment} does. The stored status of an assessed enrollment is REGISTERED
     * (assessed is derived from its accepted assessment, which the read already required).
     */
    private static final String PAY = "WITH c AS (SELECT * FROM link_change WHERE action = 'P'), "
            + "before AS (SELECT e.* FROM enrollment e JOIN c ON e.id = c.enrollment_id AND e.coverage_year = c.coverage_year), "
            + "changed AS (UPDATE enrollment e SET status = c.status, paid_at = c.paid_at, paid_fen = c.paid_fen, "
            + "payment_reference = c.reference, coverage_start = c.coverage_start, coverage_end = make_date(c.coverage_year, 12, 31), "
            + "version = e.version + 1 FROM c WHERE e.id = c.enrollment_id AND e.coverage_year = c.coverage_year "
            + "AND e.status = 'REGISTERED' RETURNING e.*), "
            + "audited AS (INSERT INTO audit_log (username, action, entity_type, entity_id, region_code, before_state, after_state) "
            + "SELECT ?, 'ENROLLMENT_PAID', 'enrollment', x.coverage_year || '/' || x.id, x.region_code, "
            + PAYMENT_STATE.replace("x.", "b.") + ", " + PAYMENT_STATE + " FROM changed x JOIN before b ON b.id = x.id AND b.coverage_year = x.coverage_year), "
            + "settled AS (INSERT INTO refund_request (kind, enrollment_id, coverage_year, county_code, region_code, resident_id, reason, "
            + "amount_fen, status, requested_by, policy_version) "
            + "SELECT 'SETTLEMENT', x.id, x.coverage_year, x.county_code, x.region_code, x.resident_id, 'OVERPAID', c.paid_fen - c.due_fen, "
            + "'REQUESTED', ?, c.policy_version FROM changed x JOIN c ON c.enrollment_id = x.id AND c.coverage_year = x.coverage_year "
            + "WHERE c.paid_fen > c.due_fen RETURNING id, enrollment_id, coverage_year, region_code, amount_fen), "
            + "settlement_audited AS (INSERT INTO audit_log (username, action, entity_type, entity_id, region_code, after_state) "
            + "SELECT ?, 'SETTLEMENT_LISTED', 'refund_request', s.id, s.region_code, jsonb_build_object('enrollment', "
            + "s.coverage_year || '/' || s.enrollment_id, 'reason', 'OVERPAID', 'amountFen', s.amount_fen) FROM settled s) "
            + "SELECT count(*) FROM changed";

    /** Groups the sorted rows by person, decides each, and spools the changes (link_change lines). */
    private final class PersonReader implements RowCallbackHandler {
        private final Writer out;
        private final LocalDate today;
        private final List<TaxPaymentRecord> records = new ArrayList<>();
        private String person;
        private long enrollmentId;
        private int coverageYear;
        private EnrollmentStatus status;
        private EnrollmentFlow flow;
        private String reference;
        private String policyVersion;
        private LocalDate birthDate;
        private long dueFen;
        long refused;

        PersonReader(Writer out, LocalDate today) {
            this.out = out;
            this.today = today;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            String key = rs.getInt(2) + "/" + rs.getString(3);
            if (!key.equals(person)) {
                finish();
                person = key;
                coverageYear = rs.getInt(2);
                enrollmentId = rs.getLong(12);
                status = EnrollmentStatus.valueOf(rs.getString(13));
                flow = EnrollmentFlow.valueOf(rs.getString(14));
                reference = rs.getString(15);
                policyVersion = rs.getString(16);
                birthDate = rs.getObject(17, LocalDate.class);
                dueFen = rs.getLong(18);
            }
            records.add(PaymentRepository.RECORD.mapRow(rs, 0));
        }

        void finish() {
            if (person == null) {
                return;
            }
            Decision decision = decideFor(Optional.of(Money.ofFen(dueFen)), records);
            records.clear();
            person = null;
            try {
                boolean paid = status.paid();
                if (paid && decision.reversedPayments().contains(reference)) {
                    out.write("R," + enrollmentId + "," + coverageYear + "," + csv(reference) + ",,,,,,\n");
                    paid = false;
                }
                if (decision.covering().isEmpty()) {
                    return;
                }
                Covering covering = decision.covering().get();
                if (paid) {
                    refused += covering.payment().transactionId().equals(reference) ? 0 : 1;
                    return;
                }
                OffsetDateTime paidAt = covering.payment().paidAt().atZone(TAX_TIME_ZONE).toOffsetDateTime();
                LocalDate start = EnrollmentRules.coverageStart(flow, birthDate, coverageYear,
                        paidAt.atZoneSameInstant(clock.getZone()).toLocalDate());
                EnrollmentStatus after = start.isAfter(today) ? EnrollmentStatus.PAID : EnrollmentStatus.COVERED;
                out.write("P," + enrollmentId + "," + coverageYear + "," + csv(covering.payment().transactionId()) + "," + after.name() + ","
                        + paidAt + "," + covering.paidSoFar().fen() + "," + start + "," + dueFen + ","
                        + (policyVersion == null ? "" : csv(policyVersion)) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String csv(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private void copyIn(String sql, Path file) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of enrollment payment changes failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
