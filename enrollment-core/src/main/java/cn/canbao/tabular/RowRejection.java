package cn.canbao.tabular;

/** Why one row was not taken: line, the field (column header) and the reason, for the error report. */
public record RowRejection(long line, String field, String reason) {
}
