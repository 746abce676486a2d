package cn.canbao.policy.file;

import java.util.List;

/** Field checks the schema records run in their constructors; the reader turns failures into file:line errors. */
final class Checks {

    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        if (value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is empty");
        }
        return value;
    }

    static <T> List<T> listOrEmpty(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(v -> v == null)) {
            throw new IllegalArgumentException("'" + field + "' contains an empty entry");
        }
        return List.copyOf(values);
    }

    static <T> List<T> nonEmpty(List<T> values, String field) {
        List<T> list = listOrEmpty(values, field);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' needs at least one entry");
        }
        return list;
    }
}
