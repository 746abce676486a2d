package cn.canbao.tabular;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches a file's header row to the columns a mapper expects, by any of each column's names,
 * ignoring case, spaces and full-width/half-width brackets. Unknown columns are ignored; a missing
 * required column or a column named twice rejects the whole file before any row is read.
 */
public final class HeaderMapping {

    private final Map<String, Integer> indexByKey;
    private final Map<String, Column> columnByKey;
    private final List<String> ignoredHeaders;

    /** The mapped columns as arrays (file index, key, length limit): every row is checked against them. */
    private final int[] lengthCheckIndexes;
    private final String[] lengthCheckKeys;
    private final int[] lengthCheckLimits;

    private HeaderMapping(Map<String, Integer> indexByKey, Map<String, Column> columnByKey, List<String> ignoredHeaders) {
        this.indexByKey = indexByKey;
        this.columnByKey = columnByKey;
        this.ignoredHeaders = ignoredHeaders;
        int n = indexByKey.size();
        this.lengthCheckIndexes = new int[n];
        this.lengthCheckKeys = new String[n];
        this.lengthCheckLimits = new int[n];
        int i = 0;
        for (Map.Entry<String, Integer> entry : indexByKey.entrySet()) {
            lengthCheckIndexes[i] = entry.getValue();
            lengthCheckKeys[i] = entry.getKey();
            lengthCheckLimits[i] = columnByKey.get(entry.getKey()).maxLength();
            i++;
        }
    }

    public static HeaderMapping resolve(List<String> headers, List<Column> columns) {
        Map<String, Column> byName = new HashMap<>();
        Map<String, Column> byKey = new HashMap<>();
        for (Column column : columns) {
            byKey.put(column.key(), column);
            for (String name : column.headerNames()) {
                byName.put(normalise(name), column);
            }
        }
        Map<String, Integer> indexByKey = new HashMap<>();
        List<String> ignored = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            if (header == null || header.isBlank()) {
                continue;
            }
            Column column = byName.get(normalise(header));
            if (column == null) {
                ignored.add(header.strip());
            } else if (indexByKey.putIfAbsent(column.key(), i) != null) {
                problems.add("列“" + column.templateHeader() + "”出现了两次");
            }
        }
        for (Column column : columns) {
            if (column.required() && !indexByKey.containsKey(column.key())) {
                problems.add("缺少必填列“" + column.templateHeader() + "”");
            }
        }
        if (!problems.isEmpty()) {
            throw new TabularFileException("表头不符合模板：" + String.join("；", problems), 1);
        }
        return new HeaderMapping(indexByKey, byKey, List.copyOf(ignored));
    }

    static String normalise(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF' || c == '*') {
                continue;
            }
            sb.append(switch (c) {
                case '（' -> '(';
                case '）' -> ')';
                default -> c;
            });
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public MappedRow map(TabularRow row) {
        return new MappedRow(row, indexByKey, columnByKey, this);
    }

    /** The key of the first mapped cell of the row longer than its column allows, or null when all fit. */
    String overlongKey(TabularRow row) {
        for (int i = 0; i < lengthCheckIndexes.length; i++) {
            String value = row.cell(lengthCheckIndexes[i]);
            if (value != null && value.length() > lengthCheckLimits[i]) {
                return lengthCheckKeys[i];
            }
        }
        return null;
    }

    public boolean has(String key) {
        return indexByKey.containsKey(key);
    }

    /** The file column (0-based) a key was found in, -1 when the file has no such column. */
    public int indexOf(String key) {
        return indexByKey.getOrDefault(key, -1);
    }

    /** Header cells that match no expected column (kept out of the import, listed for the user). */
    public List<String> ignoredHeaders() {
        return ignoredHeaders;
    }
}
