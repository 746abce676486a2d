package cn.canbao.collection.lapse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.region.RegionCode;

/**
 * The door-to-door list (排查, 怀远县2025年度居民医保参保缴费工作方案 五（三）): people enrolled in the prior
 * year and not in this one, and special-group members with no enrollment this year, per village,
 * with contact and the latest follow-up. A special-group member who also lapsed is listed once,
 * as a special-group case.
 */
@Service
public class LapseService {

    private static final String CASES = "SELECT c.*, f.outcome, f.note, f.recorded_by, f.recorded_at FROM ("
            + "SELECT s.id_number, s.name, s.region_code, s.contact_phone, 'SPECIAL_GROUP_NOT_ENROLLED' AS reason, s.identities "
            + "FROM collection_special_member_v s WHERE s.coverage_year = ? AND s.region_code LIKE ? "
            + "AND NOT EXISTS (SELECT 1 FROM collection_enrollment_v e WHERE e.coverage_year = s.coverage_year AND e.id_number = s.id_number) "
            + "UNION ALL "
            + "SELECT p.id_number, p.name, p.region_code, p.contact_phone, 'NOT_RENEWED', NULL FROM collection_enrollment_v p "
            + "WHERE p.coverage_year = ? - 1 AND p.region_code LIKE ? "
            + "AND NOT EXISTS (SELECT 1 FROM collection_enrollment_v e WHERE e.coverage_year = ? AND e.id_number = p.id_number) "
            + "AND NOT EXISTS (SELECT 1 FROM collection_special_member_v s WHERE s.coverage_year = ? AND s.id_number = p.id_number)"
            + ") c LEFT JOIN LATERAL (SELECT * FROM lapse_followup f WHERE f.coverage_year = ? AND f.id_number = c.id_number "
            + "ORDER BY f.id DESC LIMIT 1) f ON true ";

    private final JdbcTemplate jdbc;

    public LapseService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The cases within the scope, by village then name; {@code reason} empty for both kinds. */
    @Transactional(readOnly = true)
    public List<LapseCase> worklist(RegionCode scope, int coverageYear, Optional<LapseReason> reason, int limit, int offset) {
        String pattern = scope.likePattern();
        String where = reason.map(r -> "WHERE c.reason = '" + r.name() + "' ").orElse("");
        return jdbc.query(CASES + where + "ORDER BY c.region_code, c.name, c.id_number LIMIT ? OFFSET ?", LapseService::map,
                coverageYear, pattern, coverageYear, pattern, coverageYear, coverageYear, coverageYear, limit, offset);
    }

    /** Cases within the scope still open: no visit yet, or the latest visit did not close the case. */
    @Transactional(readOnly = true)
    public long countOpen(RegionCode scope, int coverageYear) {
        String pattern = scope.likePattern();
        String closing = Arrays.stream(FollowUpOutcome.values()).filter(FollowUpOutcome::closesCase)
                .map(o -> "'" + o.name() + "'").collect(Collectors.joining(", "));
        return jdbc.queryForObject("SELECT count(*) FROM (" + CASES + "WHERE f.outcome IS NULL OR f.outcome NOT IN (" + closing + ")) open",
                Long.class, coverageYear, pattern, coverageYear, pattern, coverageYear, coverageYear, coverageYear);
    }

    /** The case of one person, when they are on the list within the scope. */
    public Optional<LapseCase> find(RegionCode scope, int coverageYear, String idNumber) {
        String pattern = scope.likePattern();
        return jdbc.query(CASES + "WHERE c.id_number = ?", LapseService::map, coverageYear, pattern, coverageYear, pattern, coverageYear,
                coverageYear, coverageYear, idNumber).stream().findFirst();
    }

    /**
     * Records a visit's outcome for a person on the list; refused (empty) when the person is not on
     * the list within the user's region.
     */
    @Transactional
    public Optional<LapseCase> recordOutcome(RegionCode scope, int coverageYear, String idNumber, FollowUpOutcome outcome,
                                             Optional<String> note, String user) {
        Optional<LapseCase> found = find(scope, coverageYear, idNumber);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LapseCase c = found.get();
        jdbc.update("INSERT INTO lapse_followup (coverage_year, id_number, region_code, county_code, reason, outcome, note, recorded_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", coverageYear, idNumber, c.region().value(), c.region().countyCode(), c.reason().name(),
                outcome.name(), note.filter(n -> !n.isBlank()).orElse(null), user);
        return find(scope, coverageYear, idNumber);
    }

    private static LapseCase map(ResultSet rs, int row) throws SQLException {
        Optional<LapseCase.FollowUp> followUp = rs.getString("outcome") == null ? Optional.empty()
                : Optional.of(new LapseCase.FollowUp(FollowUpOutcome.valueOf(rs.getString("outcome")), Optional.ofNullable(rs.getString("note")),
                        rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()));
        return new LapseCase(rs.getString("id_number"), rs.getString("name"), RegionCode.of(rs.getString("region_code")),
                Optional.ofNullable(rs.getString("contact_phone")), LapseReason.valueOf(rs.getString("reason")),
                Optional.ofNullable(rs.getString("identities")), followUp);
    }
}
