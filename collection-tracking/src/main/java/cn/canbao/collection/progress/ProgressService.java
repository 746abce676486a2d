package cn.canbao.collection.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * Progress of org units at any date, read from the rollups: per region one probe into
 * {@code progress_cumulative} (the latest row on or before the date) and one into
 * {@code progress_base}. Bases are refreshed from enrollment data and official targets are entered
 * by county staff; neither happens on a page view.
 */
@Service
public class ProgressService {

    public static final int WHOLE_TREE = 4;

    private static final String TREE = "WITH RECURSIVE tree AS ("
            + "SELECT code, name, level, parent_code, 0 AS depth FROM region WHERE code = ? "
            + "UNION ALL SELECT r.code, r.name, r.level, r.parent_code, t.depth + 1 FROM region r JOIN tree t ON r.parent_code = t.code "
            + "WHERE t.depth < ?) "
            + "SELECT t.code, t.name, t.level, t.parent_code, t.depth, c.enrolled, c.newly_registered, c.paid, c.special_paid, "
            + "b.prior_year_enrolled, b.special_population, b.official_target, b.targets_below FROM tree t "
            + "LEFT JOIN LATERAL (SELECT * FROM progress_cumulative c WHERE c.coverage_year = ? AND c.region_code = t.code "
            + "AND c.day <= ? ORDER BY c.day DESC LIMIT 1) c ON true "
            + "LEFT JOIN progress_base b ON b.coverage_year = ? AND b.region_code = t.code ORDER BY t.code";

    private final JdbcTemplate jdbc;
    private final TargetRepository targets;

    public ProgressService(JdbcTemplate jdbc, TargetRepository targets) {
        this.jdbc = jdbc;
        this.targets = targets;
    }

    /**
     * The root and its descendants down to {@code depth} levels, in tree order (parents before
     * children), each with its progress and schedule status on {@code date}.
     */
    @Transactional(readOnly = true)
    public List<ProgressRow> tree(RegionCode root, int coverageYear, LocalDate date, int depth) {
        Map<RegionCode, CollectionTarget> yearTargets = targets.forYear(coverageYear);
        List<ProgressRow> rows = new ArrayList<>();
        jdbc.query(TREE, rs -> {
            RegionCode code = RegionCode.of(rs.getString("code"));
            Long ownTarget = (Long) rs.getObject("official_target");
            long targetsBelow = rs.getLong("targets_below");
            OptionalLong official = ownTarget != null ? OptionalLong.of(ownTarget)
                    : targetsBelow > 0 ? OptionalLong.of(targetsBelow) : OptionalLong.empty();
            ProgressCounts counts = new ProgressCounts(rs.getLong("prior_year_enrolled"), rs.getLong("newly_registered"), official,
                    rs.getLong("enrolled"), rs.getLong("paid"), rs.getLong("special_population"), rs.getLong("special_paid"));
            Optional<CollectionTarget> target = TargetRepository.governing(yearTargets, code);
            BaseRule rule = target.map(CollectionTarget::baseRule).orElse(BaseRule.PRIOR_YEAR_PLUS_NEW);
            Progress progress = Progress.of(code, coverageYear, date, rule, counts);
            rows.add(new ProgressRow(code, rs.getString("name"), RegionLevel.valueOf(rs.getString("level")),
                    Optional.ofNullable(rs.getString("parent_code")).map(RegionCode::of), rs.getInt("depth"), progress,
                    target.map(t -> ScheduleEvaluator.evaluate(progress, t, date)), target.map(CollectionTarget::citation)));
        }, root.value(), depth, coverageYear, date, coverageYear);
        return rows;
    }

    public Optional<ProgressRow> unit(RegionCode region, int coverageYear, LocalDate date) {
        return tree(region, coverageYear, date, 0).stream().findFirst();
    }

    /**
     * Recomputes the slow-moving base parts per region from enrollment data: the prior year's
     * enrolled and the special population. Run when rosters change, never on a page view.
     */
    @Transactional
    public void refreshBase(int coverageYear) {
        jdbc.update("UPDATE progress_base SET prior_year_enrolled = 0, special_population = 0 WHERE coverage_year = ?", coverageYear);
        jdbc.update("INSERT INTO progress_base (coverage_year, region_code, county_code, prior_year_enrolled, special_population) "
                + "SELECT ?, chain.code, left(chain.code, 6), sum(x.prior), sum(x.special) FROM ("
                + "SELECT region_code, count(*) AS prior, 0 AS special FROM collection_enrollment_v WHERE coverage_year = ? GROUP BY region_code "
                + "UNION ALL SELECT region_code, 0, count(*) FROM collection_special_member_v WHERE coverage_year = ? GROUP BY region_code) x "
                + "CROSS JOIN LATERAL unnest(collection_region_chain(x.region_code)) AS chain(code) GROUP BY chain.code "
                + "ON CONFLICT (coverage_year, region_code, county_code) DO UPDATE SET prior_year_enrolled = excluded.prior_year_enrolled, "
                + "special_population = excluded.special_population", coverageYear, coverageYear - 1, coverageYear);
    }

    /** Records an official target count for a unit; history is kept and the units above see the sum. */
    @Transactional
    public void enterOfficialTarget(RegionCode region, int coverageYear, long count, String user) {
        if (count < 0) {
            throw new IllegalArgumentException("a target count cannot be negative");
        }
        Long previous = jdbc.query("SELECT official_target FROM progress_base WHERE coverage_year = ? AND region_code = ?",
                (rs, i) -> (Long) rs.getObject(1), coverageYear, region.value()).stream().findFirst().orElse(null);
        jdbc.update("INSERT INTO collection_official_target (region_code, coverage_year, target_count, entered_by) VALUES (?, ?, ?, ?)",
                region.value(), coverageYear, count, user);
        jdbc.update("INSERT INTO progress_base (coverage_year, region_code, county_code, official_target) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (coverage_year, region_code, county_code) DO UPDATE SET official_target = excluded.official_target",
                coverageYear, region.value(), region.countyCode(), count);
        long delta = count - (previous == null ? 0 : previous);
        for (RegionCode ancestor : region.selfAndAncestors().subList(1, region.selfAndAncestors().size())) {
            jdbc.update("INSERT INTO progress_base (coverage_year, region_code, county_code, targets_below) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (coverage_year, region_code, county_code) "
                    + "DO UPDATE SET targets_below = progress_base.targets_below + excluded.targets_below",
                    coverageYear, ancestor.value(), ancestor.countyCode(), delta);
        }
    }
}
