package cn.canbao.tabular;

import java.util.List;

/**
 * One data row as read: the line (CSV, 1-based, header is line 1) or spreadsheet row number
 * (xlsx, as Excel shows it) and its cells as text, in file column order.
 */
public record TabularRow(long line, List<String> cells) {

    public String cell(int index) {
        return index < cells.size() ? cells.get(index) : null;
    }

    boolean blank() {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
