package cn.canbao.enrollment.common;

import cn.canbao.audit.Actor;
import cn.canbao.region.RegionCode;

/**
 * The actor's region as the limit of what a service reads or changes. Region codes nest by prefix
 * ({@link RegionCode#likePattern()}), so queries filter with a LIKE on the code column.
 */
public final class RegionScope {

    private RegionScope() {
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
