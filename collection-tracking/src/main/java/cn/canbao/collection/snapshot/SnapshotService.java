package cn.canbao.collection.snapshot;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.collection.progress.CollectionTarget;
import cn.canbao.collection.progress.ProgressRow;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.progress.TargetRepository;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * Keeps progress snapshots at the cadence of {@link SnapshotCadence}, for every region that has a
 * collection target and the units below it. Taking the snapshots of a date twice changes nothing.
 */
@Service
public class SnapshotService {

    private final JdbcTemplate jdbc;
    private final ProgressService progress;
    private final TargetRepository targets;

    public SnapshotService(JdbcTemplate jdbc, ProgressService progress, TargetRepository targets) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.targets = targets;
    }

    /** Takes the snapshots due on the date (as of its end); returns how many rows were added. */
    @Transactional
    public int takeDue(int coverageYear, LocalDate date) {
        int added = 0;
        for (CollectionTarget target : targets.forYear(coverageYear).values()) {
            List<RegionLevel> due = SnapshotCadence.levelsDue(date, target.schedule().windowStart());
            if (due.isEmpty()) {
                continue;
            }
            for (ProgressRow row : progress.tree(target.region(), coverageYear, date, ProgressService.WHOLE_TREE)) {
                if (due.contains(row.level())) {
                    added += jdbc.update("INSERT INTO progress_snapshot (coverage_year, region_code, county_code, level, taken_on, base, "
                            + "enrolled, paid, special_population, special_paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            coverageYear, row.code().value(), row.code().countyCode(), row.level().name(), date, row.progress().base().orElse(null),
                            row.progress().enrolled(), row.progress().paid(), row.progress().specialPopulation(), row.progress().specialPaid());
                }
            }
        }
        return added;
    }

    /** A unit's kept snapshots, oldest first: the trend line. */
    public List<ProgressSnapshot> history(RegionCode region, int coverageYear) {
        return jdbc.query("SELECT * FROM progress_snapshot WHERE coverage_year = ? AND region_code = ? ORDER BY taken_on",
                (rs, i) -> new ProgressSnapshot(RegionCode.of(rs.getString("region_code")), RegionLevel.valueOf(rs.getString("level")),
                        rs.getInt("coverage_year"), rs.getDate("taken_on").toLocalDate(), Optional.ofNullable((Long) rs.getObject("base")),
                        rs.getLong("enrolled"), rs.getLong("paid"), rs.getLong("special_population"), rs.getLong("special_paid")),
                coverageYear, region.value());
    }
}
