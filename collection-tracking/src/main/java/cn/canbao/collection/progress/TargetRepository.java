package cn.canbao.collection.progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import cn.canbao.region.RegionCode;

/** Collection targets and milestones per region and year (policy data). */
@Repository
public class TargetRepository {

    private final JdbcTemplate jdbc;

    public TargetRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every region's target for the year, with its milestones. */
    public Map<RegionCode, CollectionTarget> forYear(int coverageYear) {
        Map<RegionCode, List<Milestone>> milestones = new HashMap<>();
        jdbc.query("SELECT region_code, due, required_share, citation FROM collection_milestone WHERE coverage_year = ? ORDER BY due",
                rs -> {
                    milestones.computeIfAbsent(RegionCode.of(rs.getString(1)), k -> new ArrayList<>())
                            .add(new Milestone(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3), rs.getString(4)));
                }, coverageYear);
        Map<RegionCode, CollectionTarget> targets = new HashMap<>();
        jdbc.query("SELECT * FROM collection_target WHERE coverage_year = ?", rs -> {
            RegionCode region = RegionCode.of(rs.getString("region_code"));
            targets.put(region, new CollectionTarget(region, coverageYear, BaseRule.valueOf(rs.getString("base_rule")),
                    rs.getBigDecimal("target_rate"), Optional.ofNullable(rs.getBigDecimal("special_target_rate")),
                    new MilestoneSchedule(rs.getDate("window_start").toLocalDate(), milestones.getOrDefault(region, List.of())),
                    rs.getString("citation")));
        }, coverageYear);
        return targets;
    }

    /** The target that governs a unit: its own, else its nearest ancestor's. */
    public static Optional<CollectionTarget> governing(Map<RegionCode, CollectionTarget> targets, RegionCode unit) {
        return unit.selfAndAncestors().stream().map(targets::get).filter(t -> t != null).findFirst();
    }

    public void save(CollectionTarget target) {
        jdbc.update("DELETE FROM collection_milestone WHERE region_code = ? AND coverage_year = ?", target.region().value(), target.coverageYear());
        jdbc.update("INSERT INTO collection_target (region_code, coverage_year, base_rule, target_rate, special_target_rate, window_start, citation) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region_code, coverage_year) DO UPDATE SET base_rule = excluded.base_rule, "
                + "target_rate = excluded.target_rate, special_target_rate = excluded.special_target_rate, "
                + "window_start = excluded.window_start, citation = excluded.citation",
                target.region().value(), target.coverageYear(), target.baseRule().name(), target.targetRate(),
                target.specialTargetRate().orElse(null), target.schedule().windowStart(), target.citation());
        for (Milestone m : target.schedule().milestones()) {
            jdbc.update("INSERT INTO collection_milestone (region_code, coverage_year, due, required_share, citation) VALUES (?, ?, ?, ?, ?)",
                    target.region().value(), target.coverageYear(), m.due(), m.requiredShare(), m.citation());
        }
    }
}
