package cn.canbao.audit;

import java.util.List;

/** One page of audit search results and how many rows match in all. */
public record AuditPage(List<AuditRecord> rows, long total, int page, int pageSize) {

    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNext() {
        return (long) (page + 1) * pageSize < total;
    }
}
