package cn.canbao.collection.payment;

/**
 * Why one row of a payment file was not accepted.
 *
 * @param line the line (CSV) or row (xlsx) number as a person counts it, header = 1
 * @param field the column header, or empty when the row as a whole is wrong
 * @param reason what is wrong, in words a clerk can act on
 */
public record RowError(long line, String field, String reason) {
}
