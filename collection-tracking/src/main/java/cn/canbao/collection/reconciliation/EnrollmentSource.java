package cn.canbao.collection.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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
            + "e.later_refund_fen, NOT EXISTS (SELECT 1 FROM collection_enrollment_v p WHERE p.coverage_year = e.coverage_year - 1 "
            + "AND p.id_number = e.id_number) AS newly_registered, EXISTS (SELECT 1 FROM collection_special_member_v s "
            + "WHERE s.coverage_year = e.coverage_year AND s.id_number = e.id_number) AS special FROM collection_enrollment_v e ";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public EnrollmentSource(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Every enrollment of the year in ID-number order, by cursor; inside a transaction, and close the stream. */
    public Stream<AssessedEnrollment> streamSorted(int coverageYear) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(10_000);
        return streaming.queryForStream(SELECT + "WHERE e.coverage_year = ? ORDER BY e.id_number", EnrollmentSource::map, coverageYear);
    }

    public Optional<AssessedEnrollment> find(int coverageYear, String idNumber) {
        List<AssessedEnrollment> found = jdbc.query(SELECT + "WHERE e.coverage_year = ? AND e.id_number = ?", EnrollmentSource::map,
                coverageYear, idNumber);
        return found.stream().findFirst();
    }

    private static AssessedEnrollment map(ResultSet rs, int row) throws SQLException {
        Long assessed = (Long) rs.getObject("assessed_fen");
        return new AssessedEnrollment(rs.getString("id_number"), rs.getString("name"), rs.getInt("coverage_year"),
                RegionCode.of(rs.getString("region_code")), Optional.ofNullable(assessed).map(Money::ofFen),
                Money.ofFen(rs.getLong("later_refund_fen")), rs.getDate("registered_on").toLocalDate(),
                rs.getBoolean("newly_registered"), rs.getBoolean("special"));
    }
}
