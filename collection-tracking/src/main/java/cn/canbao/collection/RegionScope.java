package cn.canbao.collection;

import cn.canbao.region.RegionCode;

/**
 * A user's region as a filter on region codes: every code at or below a region starts with the
 * significant digits of the region's code (2 for a province, 4 a city, 6 a county, 9 a township).
 */
public final class RegionScope {

    private RegionScope() {
    }

    public static String prefix(RegionCode region) {
        return switch (region.level()) {
            case PROVINCE -> region.value().substring(0, 2);
            case CITY -> region.value().substring(0, 4);
            case COUNTY -> region.value().substring(0, 6);
            case TOWNSHIP -> region.value().substring(0, 9);
            case VILLAGE -> region.value();
        };
    }

    /** A LIKE pattern matching the region and everything below it. */
    public static String likePattern(RegionCode region) {
        return prefix(region) + "%";
    }
}
