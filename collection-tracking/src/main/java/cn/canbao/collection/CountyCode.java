package cn.canbao.collection;

import cn.canbao.region.RegionCode;

/**
 * The {@code county_code} column of the collection tables (V81), their distribution column on the Citus path
 * (docs/scaling.md): the first six digits of the row's region. That is the county for a village, township or
 * county, and the region's own code for a city or province, whose rows then hash to a shard of their own.
 */
public final class CountyCode {

    private CountyCode() {
    }

    public static String of(RegionCode region) {
        return region.value().substring(0, 6);
    }
}
