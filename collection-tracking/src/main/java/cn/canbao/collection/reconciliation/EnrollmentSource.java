package cn.canbao.collection.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.canbao.collection.SnapshotCopyReader;
import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * Enrollment data as collection sees it, read only through the narrow view
 * {@code collection_enrollment_v} (one row per person and coverage year) and
 * {@code collection_special_member_v} (holders of a low-income or poverty-alleviated identity per
 * year). Newly registered = no enrollment in the prior year; special = listed in the second view.
 */
@Repository
public class EnrollmentSource {

    private static final String SELECT = "SELECT e.coverage_year, e.id_number, e.name, e.region_code, e.registered_on, e.assessed_fen, "
            + "p.id_number IS NULL AS newly_registered, s.id_number IS NOT NULL AS special "
            + "FROM collection_enrollment_v e "
            + "LEFT JOIN collection_enrollment_v p ON p.coverage_year = e.coverage_year - 1 AND p.id_number = e.id_number "
            + "LEFT JOIN collection_special_member_v s ON s.coverage_year = e.coverage_year AND s.id_number = e.id_number ";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public EnrollmentSource(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Every enrollment of the year in ID-number order, read by COPY on a connection of its own that
     * sees the exported snapshot of the caller's transaction; close the reader.
     */
    public SnapshotCopyReader<AssessedEnrollment> readSorted(String snapshotId, int coverageYear) {
        // The years as constants, so the prior-year side reads only its own partition instead of hashing every year.
        String select = "SELECT e.coverage_year, e.id_number, e.name, e.region_code, e.registered_on, e.assessed_fen, "
                + "p.id_number IS NULL AS newly_registered, s.id_number IS NOT NULL AS special "
                + "FROM collection_enrollment_v e "
                + "LEFT JOIN collection_enrollment_v p ON p.coverage_year = " + (coverageYear - 1) + " AND p.id_number = e.id_number "
                + "LEFT JOIN collection_special_member_v s ON s.coverage_year = " + coverageYear + " AND s.id_number = e.id_number ";
        return new SnapshotCopyReader<>(dataSource, snapshotId, "COPY (" + select + "WHERE e.coverage_year = " + coverageYear
                + " ORDER BY e.id_number) TO STDOUT (FORMAT csv)", EnrollmentSource::fromCsv, "enrollment-reader");
    }

    static AssessedEnrollment fromCsv(String[] f) {
        return new AssessedEnrollment(f[1], f[2], Integer.parseInt(f[0]), RegionCode.of(f[3]),
                f[5] == null ? Optional.empty() : Optional.of(Money.ofFen(Long.parseLong(f[5]))),
                SnapshotCopyReader.date(f[4]), "t".equals(f[6]), "t".equals(f[7]));
    }

    public Optional<AssessedEnrollment> find(int coverageYear, String idNumber) {
        List<AssessedEnrollment> found = jdbc.query(SELECT + "WHERE e.coverage_year = ? AND e.id_number = ?", EnrollmentSource::map,
                coverageYear, idNumber);
        return found.stream().findFirst();
    }

    /** The payment the person's enrollment of the year was marked paid by, if it is paid. */
    public Optional<String> paymentReference(int coverageYear, String idNumber) {
        return jdbc.query("SELECT payment_reference FROM collection_enrollment_v WHERE coverage_year = ? AND id_number = ?",
                (rs, i) -> rs.getString(1), coverageYear, idNumber).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static AssessedEnrollment map(ResultSet rs, int row) throws SQLException {
        // By position: the streaming read maps millions of rows.
        long assessed = rs.getLong(6);
        Optional<Money> assessedAmount = rs.wasNull() ? Optional.empty() : Optional.of(Money.ofFen(assessed));
        return new AssessedEnrollment(rs.getString(2), rs.getString(3), rs.getInt(1), RegionCode.of(rs.getString(4)), assessedAmount,
                rs.getObject(5, LocalDate.class), rs.getBoolean(7), rs.getBoolean(8));
    }
}
