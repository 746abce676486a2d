package cn.canbao.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An administrative division code: 6 digits (GB/T 2260, province to county) or 12 digits (the
 * statistical division code: county + 3-digit township + 3-digit village). The level and the
 * parent follow from the digits, so the hierarchy can be walked without a database.
 */
public record RegionCode(String value) implements Comparable<RegionCode> {

    public RegionCode {
        if (value == null || !(value.length() == 6 || value.length() == 12) || !asciiDigits(value)) {
            throw new IllegalArgumentException("a region code is 6 or 12 digits: " + value);
        }
        if (value.startsWith("00")) {
            throw new IllegalArgumentException("a region code starts with a province number: " + value);
        }
        if (value.length() == 12 && value.substring(6, 9).equals("000")) {
            throw new IllegalArgumentException("a 12-digit code names a township or village: " + value);
        }
    }

    /** ASCII digits only (Character.isDigit would let full-width digits through); a loop, as codes are made per row. */
    private static boolean asciiDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static RegionCode of(String value) {
        return new RegionCode(value == null ? null : value.trim());
    }

    public RegionLevel level() {
        if (value.length() == 12) {
            return value.endsWith("000") ? RegionLevel.TOWNSHIP : RegionLevel.VILLAGE;
        }
        if (value.endsWith("0000")) {
            return RegionLevel.PROVINCE;
        }
        return value.endsWith("00") ? RegionLevel.CITY : RegionLevel.COUNTY;
    }

    public Optional<RegionCode> parent() {
        return switch (level()) {
            case PROVINCE -> Optional.empty();
            case CITY -> Optional.of(new RegionCode(value.substring(0, 2) + "0000"));
            case COUNTY -> Optional.of(new RegionCode(value.substring(0, 4) + "00"));
            case TOWNSHIP -> Optional.of(new RegionCode(value.substring(0, 6)));
            case VILLAGE -> Optional.of(new RegionCode(value.substring(0, 9) + "000"));
        };
    }

    /** This code and every ancestor, nearest first: village, township, county, city, province. */
    public List<RegionCode> selfAndAncestors() {
        List<RegionCode> chain = new ArrayList<>();
        Optional<RegionCode> current = Optional.of(this);
        while (current.isPresent()) {
            chain.add(current.get());
            current = current.get().parent();
        }
        return chain;
    }

    /**
     * The leading digits that this region and every region below it share (2 for a province, 4 a
     * city, 6 a county, 9 a township, all 12 for a village): "at or below" is a prefix match.
     */
    public String prefix() {
        return switch (level()) {
            case PROVINCE -> value.substring(0, 2);
            case CITY -> value.substring(0, 4);
            case COUNTY -> value.substring(0, 6);
            case TOWNSHIP -> value.substring(0, 9);
            case VILLAGE -> value;
        };
    }

    /** A SQL LIKE pattern for this region and everything below it (served by varchar_pattern_ops indexes). */
    public String likePattern() {
        return prefix() + "%";
    }

    /** True when this region is the other one or lies inside it. */
    public boolean isWithin(RegionCode other) {
        return selfAndAncestors().contains(other);
    }

    /** The county-level code that contains this region; empty above county level. */
    public Optional<RegionCode> county() {
        return switch (level()) {
            case PROVINCE, CITY -> Optional.empty();
            case COUNTY, TOWNSHIP, VILLAGE -> Optional.of(new RegionCode(countyCode()));
        };
    }

    /**
     * The first six digits: the {@code county_code} of a row of this region in the tables distributed by county
     * (docs/scaling.md). The county for a county and below; a city's or province's own code.
     */
    public String countyCode() {
        return value.substring(0, 6);
    }

    @Override
    public int compareTo(RegionCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
