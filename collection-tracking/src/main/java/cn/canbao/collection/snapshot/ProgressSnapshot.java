package cn.canbao.collection.snapshot;

import java.time.LocalDate;
import java.util.Optional;

import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/** A kept progress figure of one unit on one date. */
public record ProgressSnapshot(RegionCode region, RegionLevel level, int coverageYear, LocalDate takenOn, Optional<Long> base,
                               long enrolled, long paid, long specialPopulation, long specialPaid) {
}
