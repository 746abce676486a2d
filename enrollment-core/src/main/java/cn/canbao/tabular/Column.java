package cn.canbao.tabular;

import java.util.List;

/**
 * A column a mapper expects: its key, the header names it is recognised by (Chinese and English),
 * whether it must be present, and the longest text a cell may hold.
 */
public record Column(String key, List<String> headerNames, boolean required, int maxLength) {

    public static final int DEFAULT_MAX_LENGTH = 200;

    public Column {
        if (headerNames.isEmpty()) {
            throw new IllegalArgumentException("a column needs at least one header name: " + key);
        }
        headerNames = List.copyOf(headerNames);
    }

    public static Column required(String key, String... headerNames) {
        return new Column(key, List.of(headerNames), true, DEFAULT_MAX_LENGTH);
    }

    public static Column optional(String key, String... headerNames) {
        return new Column(key, List.of(headerNames), false, DEFAULT_MAX_LENGTH);
    }

    /** The header written into templates: the first (Chinese) name. */
    public String templateHeader() {
        return headerNames.get(0);
    }
}
