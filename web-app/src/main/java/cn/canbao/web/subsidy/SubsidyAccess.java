package cn.canbao.web.subsidy;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import cn.canbao.audit.Actor;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.Role;

/**
 * Who may do what with subsidies, on top of the region check every record gets: county-wide work (batch runs,
 * ledger reconciliation, fiscal settlement) is for county staff and administrators; a township worker marks the
 * refunds of their own township paid (乡镇（街道）统计对应补贴部分退补).
 */
@Component
class SubsidyAccess {

    private static final Set<Role> COUNTY_WORK = Set.of(Role.ADMIN, Role.COUNTY_STAFF);

    private final RegionAccess access;

    SubsidyAccess(RegionAccess access) {
        this.access = access;
    }

    /** Reading data of a region: it must lie within the user's region. */
    RegionCode read(String regionCode) {
        RegionCode region = RegionCode.of(regionCode);
        access.check(region);
        return region;
    }

    /** County-wide work: a county the user reaches, and a role that does county work. */
    RegionCode countyWork(String countyCode) {
        RegionCode county = read(countyCode);
        if (!COUNTY_WORK.contains(access.currentUser().role())) {
            throw new AccessDeniedException("county-wide subsidy work is for county staff");
        }
        if (county.level() != RegionLevel.COUNTY) {
            throw new IllegalArgumentException("this works per county; " + county + " is a " + county.level());
        }
        return county;
    }

    /**
     * A county whose records the user may work on some of: the county lies within the user's region, or the user's
     * region (a township) lies within the county. Each record is then checked on its own region.
     */
    RegionCode overlapping(String countyCode) {
        RegionCode county = RegionCode.of(countyCode);
        if (county.level() != RegionLevel.COUNTY) {
            throw new IllegalArgumentException("this works per county; " + county + " is a " + county.level());
        }
        RegionCode own = access.scope();
        if (!county.isWithin(own) && !own.isWithin(county)) {
            throw new AccessDeniedException("county " + county + " is outside " + own);
        }
        return county;
    }

    /** Checks a record's own region (e.g. a refund's township). */
    void check(String regionCode) {
        access.check(RegionCode.of(regionCode));
    }

    Actor actor(HttpServletRequest request) {
        return access.actor(request);
    }
}
