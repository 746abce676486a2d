package cn.canbao.tabular;

import java.util.Map;

/** A row whose cells are looked up by column key; text is trimmed and empty cells are null. */
public final class MappedRow {

    private final TabularRow row;
    private final Map<String, Integer> indexByKey;
    private final Map<String, Column> columnByKey;

    MappedRow(TabularRow row, Map<String, Integer> indexByKey, Map<String, Column> columnByKey) {
        this.row = row;
        this.indexByKey = indexByKey;
        this.columnByKey = columnByKey;
    }

    public long line() {
        return row.line();
    }

    /** The trimmed cell text, or null when the column is absent or the cell empty. */
    public String text(String key) {
        Integer index = indexByKey.get(key);
        if (index == null) {
            return null;
        }
        String value = row.cell(index);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The header name to report for a column: the one in the file, else the template's. */
    public String field(String key) {
        Column column = columnByKey.get(key);
        return column == null ? key : column.templateHeader();
    }

    public <T> RowOutcome<T> reject(String key, String reason) {
        return RowOutcome.rejected(row.line(), field(key), reason);
    }

    /** The first cell longer than its column allows, as a rejection; null when all fit. */
    <T> RowOutcome<T> overlongCell() {
        for (Map.Entry<String, Integer> entry : indexByKey.entrySet()) {
            String value = row.cell(entry.getValue());
            Column column = columnByKey.get(entry.getKey());
            if (value != null && value.length() > column.maxLength()) {
                return reject(entry.getKey(), "内容超过" + column.maxLength() + "个字符");
            }
        }
        return null;
    }
}
