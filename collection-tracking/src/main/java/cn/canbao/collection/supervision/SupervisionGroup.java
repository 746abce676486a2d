package cn.canbao.collection.supervision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import cn.canbao.region.RegionCode;

/**
 * An area supervision group (包片督查): a lead unit and its leader, and the townships they inspect.
 *
 * @param county the county that set up the group
 * @param name the group's name, e.g. 第一组
 * @param leadUnit the lead unit, e.g. 县税务局
 * @param leader the person in charge
 * @param townships the townships in the order the document lists them
 * @param citation the document that sets the group
 */
public record SupervisionGroup(RegionCode county, int coverageYear, String name, String leadUnit, String leader,
                               List<RegionCode> townships, String citation) {

    public SupervisionGroup {
        Objects.requireNonNull(county, "county");
        townships = List.copyOf(townships);
        for (RegionCode t : townships) {
            if (!t.isWithin(county) || t.equals(county)) {
                throw new IllegalArgumentException(t + " is not a unit below " + county);
            }
        }
    }

    public boolean covers(RegionCode region) {
        return townships.stream().anyMatch(region::isWithin);
    }

    /** The rows with this group's townships (and what lies below them) first, otherwise in their given order. */
    public <T> List<T> ownFirst(List<T> rows, Function<T, RegionCode> region) {
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(row -> covers(region.apply(row)) ? 0 : 1));
        return sorted;
    }
}
