package cn.canbao.tabular;

import java.util.Map;

/** A row whose cells are looked up by column key; text is trimmed and empty cells are null. */
public final class MappedRow {

    private final TabularRow row;
    private final Map<String, Integer> indexByKey;
    private final Map<String, Column> columnByKey;

    private final HeaderMapping mapping;

    MappedRow(TabularRow row, Map<String, Integer> indexByKey, Map<String, Column> columnByKey, HeaderMapping mapping) {
        this.row = row;
        this.indexByKey = indexByKey;
        this.columnByKey = columnByKey;
        this.mapping = mapping;
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
        String key = mapping.overlongKey(row);
        return key == null ? null : reject(key, "内容超过" + columnByKey.get(key).maxLength() + "个字符");
    }
}
