package cn.canbao.enrollment.common;

import cn.canbao.audit.Actor;
import cn.canbao.region.RegionCode;

/**
 * Region codes nest by prefix (150000 > 150700 > 150702 > 150702001000 > 150702001001), so "at or
 * below a region" is a LIKE prefix on the code column, served by the varchar_pattern_ops indexes.
 */
public final class RegionScope {

    private RegionScope() {
    }

    /** The code prefix shared by the region and everything below it. */
    public static String prefix(RegionCode region) {
        String v = region.value();
        return switch (region.level()) {
            case PROVINCE -> v.substring(0, 2);
            case CITY -> v.substring(0, 4);
            case COUNTY -> v.substring(0, 6);
            case TOWNSHIP -> v.substring(0, 9);
            case VILLAGE -> v;
        };
    }

    /** A LIKE pattern for the region and everything below it. */
    public static String likePattern(RegionCode region) {
        return prefix(region) + "%";
    }

    /**
     * The narrower of the actor's region and a requested filter region; a filter outside the
     * actor's region is refused, not silently widened.
     */
    public static RegionCode narrow(Actor actor, String requestedRegion) {
        if (requestedRegion == null || requestedRegion.isBlank()) {
            return actor.region();
        }
        RegionCode requested = RegionCode.of(requestedRegion);
        if (!actor.mayAccess(requested)) {
            throw new RegionAccessDeniedException("无权查看该地区的数据：" + requested);
        }
        return requested;
    }

    public static void check(Actor actor, String regionCode, String what) {
        if (!actor.mayAccess(regionCode)) {
            throw new RegionAccessDeniedException("无权访问" + what + "（不在本人所属地区内）");
        }
    }
}
