package cn.canbao.audit;

import cn.canbao.region.RegionCode;

/**
 * Who acts: the username (as in app_user), the region the user is bound to (they see and change
 * only data at or below it) and where the request came from. Domain services take this instead of
 * depending on the web layer's security classes.
 */
public record Actor(String username, RegionCode region, String clientAddress) {

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor has a username");
        }
        if (region == null) {
            throw new IllegalArgumentException("an actor is bound to a region");
        }
    }

    /** A batch job or the system itself, acting for the whole region given. */
    public static Actor system(String name, RegionCode region) {
        return new Actor(name, region, null);
    }

    /** True when the region is the actor's own region or lies inside it. */
    public boolean mayAccess(RegionCode target) {
        return target.isWithin(region);
    }

    public boolean mayAccess(String targetRegionCode) {
        return targetRegionCode != null && mayAccess(RegionCode.of(targetRegionCode));
    }
}
