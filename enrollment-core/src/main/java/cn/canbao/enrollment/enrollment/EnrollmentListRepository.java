package cn.canbao.enrollment.enrollment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.canbao.enrollment.resident.Slice;
import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;

/** The enrollment list (a page at a time) and its export (streamed with a cursor). */
@Repository
public class EnrollmentListRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;

    public EnrollmentListRepository(JdbcTemplate jdbcTemplate) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbcTemplate);
        JdbcTemplate cursor = new JdbcTemplate(jdbcTemplate.getDataSource());
        cursor.setFetchSize(2000);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
    }

    private static String where(EnrollmentQuery query, RegionCode scope, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder("""
                FROM enrollment_with_assessment e JOIN resident p ON p.id = e.resident_id JOIN region g ON g.code = e.region_code
                WHERE e.coverage_year = :year AND e.region_code LIKE :scope""");
        params.addValue("year", query.coverageYear()).addValue("scope", scope.likePattern());
        if (query.status() != null) {
            sql.append(" AND e.status = :status");
            params.addValue("status", query.status().name());
        }
        if (query.flow() != null) {
            sql.append(" AND e.flow = :flow");
            params.addValue("flow", query.flow().name());
        }
        if (query.category() != null) {
            sql.append(" AND e.category = :category");
            params.addValue("category", query.category().name());
        }
        if (query.name() != null && !query.name().isBlank()) {
            sql.append(" AND p.name LIKE :name");
            params.addValue("name", query.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return sql.toString();
    }

    private static final String COLUMNS = """
            SELECT e.id, e.coverage_year, e.region_code, g.name AS region_name, e.resident_id, p.name, p.document_number,
                   e.category, e.flow, e.status, e.personal_due_fen, e.paid_fen, e.coverage_start
            """;

    private static EnrollmentListItem map(ResultSet rs) throws SQLException {
        long due = rs.getLong("personal_due_fen");
        Money personalDue = rs.wasNull() ? null : Money.ofFen(due);
        long paidFen = rs.getLong("paid_fen");
        Money paid = rs.wasNull() ? null : Money.ofFen(paidFen);
        return new EnrollmentListItem(rs.getLong("id"), rs.getInt("coverage_year"), rs.getString("region_code"),
                rs.getString("region_name"), rs.getLong("resident_id"), rs.getString("name"),
                EnrollmentListItem.mask(rs.getString("document_number")), ParticipantCategory.valueOf(rs.getString("category")),
                EnrollmentFlow.valueOf(rs.getString("flow")), EnrollmentStatus.valueOf(rs.getString("status")), personalDue, paid,
                rs.getObject("coverage_start", LocalDate.class));
    }

    public Slice<EnrollmentListItem> page(EnrollmentQuery query, RegionCode scope, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(query, scope, params) + " ORDER BY e.region_code, e.id LIMIT :limit OFFSET :offset";
        params.addValue("limit", size + 1).addValue("offset", (long) page * size);
        List<EnrollmentListItem> rows = new ArrayList<>(jdbc.query(sql, params, (rs, n) -> map(rs)));
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        return new Slice<>(rows, page, size, more);
    }

    public long count(EnrollmentQuery query, RegionCode scope) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        return jdbc.queryForObject("SELECT count(*) " + where(query, scope, params), params, Long.class);
    }

    /** Every matching row in order, handed one at a time; must run inside a transaction for the cursor. */
    public void stream(EnrollmentQuery query, RegionCode scope, Consumer<EnrollmentListItem> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(query, scope, params) + " ORDER BY e.region_code, e.id";
        streaming.query(sql, params, rs -> {
            sink.accept(map(rs));
        });
    }
}
