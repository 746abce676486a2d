package cn.canbao.tabular;

import java.util.List;

/** Turns one header-mapped row into a domain value or a rejection. */
public interface RowMapper<T> {

    /** The columns this mapper reads, used for header mapping and for templates. */
    List<Column> columns();

    RowOutcome<T> map(MappedRow row);
}
