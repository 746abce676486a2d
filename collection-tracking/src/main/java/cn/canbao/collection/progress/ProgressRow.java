package cn.canbao.collection.progress;

import java.util.Optional;

import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * One org unit in a progress tree.
 *
 * @param depth 0 for the root of the query, 1 for its children, ...
 * @param schedule where the unit stands against its milestones; empty when no target governs it
 * @param citation the clause of the governing target
 */
public record ProgressRow(RegionCode code, String name, RegionLevel level, Optional<RegionCode> parent, int depth,
                          Progress progress, Optional<ScheduleStatus> schedule, Optional<String> citation) {
}
