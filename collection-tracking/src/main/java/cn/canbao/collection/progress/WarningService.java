package cn.canbao.collection.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.collection.supervision.SupervisionGroup;
import cn.canbao.collection.supervision.SupervisionGroupRepository;
import cn.canbao.region.RegionCode;

/**
 * Early warnings (预警通报): the units one level below a region that are behind their milestone
 * schedule on a date, worst gap in people first; a supervision group leader sees the units of
 * their group first (包片督查).
 */
@Service
public class WarningService {

    private final ProgressService progress;
    private final SupervisionGroupRepository groups;

    public WarningService(ProgressService progress, SupervisionGroupRepository groups) {
        this.progress = progress;
        this.groups = groups;
    }

    /** One unit behind schedule, with its rank among those behind (1 = largest gap). */
    public record Warning(int rank, ProgressRow unit, ScheduleStatus status, boolean ownGroup) {
    }

    @Transactional(readOnly = true)
    public List<Warning> behindSchedule(RegionCode region, int coverageYear, LocalDate date, Optional<String> username) {
        List<ProgressRow> children = progress.tree(region, coverageYear, date, 1).stream().filter(r -> r.depth() == 1).toList();
        Map<RegionCode, ProgressRow> byCode = children.stream().collect(Collectors.toMap(ProgressRow::code, Function.identity()));
        List<ScheduleStatus> ranked = ScheduleEvaluator.behindRanked(children.stream().flatMap(r -> r.schedule().stream()).toList());
        Optional<SupervisionGroup> group = username.flatMap(u -> groups.ledBy(u, coverageYear));
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            ScheduleStatus s = ranked.get(i);
            warnings.add(new Warning(i + 1, byCode.get(s.unit()), s, group.map(g -> g.covers(s.unit())).orElse(false)));
        }
        // Stable: within "own group first", the ranking order stays.
        warnings.sort(Comparator.comparing((Warning w) -> !w.ownGroup()));
        return warnings;
    }
}
