package cn.canbao.region;

/** The five levels of the administrative hierarchy, top down. */
public enum RegionLevel {
    PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE;

    public boolean isAbove(RegionLevel other) {
        return ordinal() < other.ordinal();
    }
}
