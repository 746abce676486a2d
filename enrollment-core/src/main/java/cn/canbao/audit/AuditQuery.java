package cn.canbao.audit;

import java.time.Instant;
import java.util.Optional;

import cn.canbao.region.RegionCode;

/**
 * What the audit search filters on; every filter is optional. {@code from} is inclusive, {@code until}
 * exclusive. Pages count from 0 and hold at most {@value #MAX_PAGE_SIZE} rows.
 */
public record AuditQuery(
        Optional<String> username,
        Optional<String> action,
        Optional<String> entityType,
        Optional<String> entityId,
        Optional<AuditResult> result,
        Optional<RegionCode> regionCode,
        Optional<Instant> from,
        Optional<Instant> until,
        int page,
        int pageSize) {

    public static final int MAX_PAGE_SIZE = 200;

    public AuditQuery {
        username = blankToEmpty(username);
        action = blankToEmpty(action);
        entityType = blankToEmpty(entityType);
        entityId = blankToEmpty(entityId);
        if (page < 0) {
            throw new IllegalArgumentException("page counts from 0, got " + page);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size is 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw new IllegalArgumentException("the time range ends before it starts");
        }
    }

    /** Everything, first page of 50. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 50);
    }

    public AuditQuery withUsername(String value) {
        return new AuditQuery(Optional.ofNullable(value), action, entityType, entityId, result, regionCode, from, until, page, pageSize);
    }

    public AuditQuery withAction(String value) {
        return new AuditQuery(username, Optional.ofNullable(value), entityType, entityId, result, regionCode, from, until, page, pageSize);
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
