package cn.canbao.audit;

import java.time.OffsetDateTime;

/** A stored audit row as read back; before/after are the JSON text. */
public record AuditRecord(
        long id,
        OffsetDateTime occurredAt,
        String username,
        String clientAddress,
        String action,
        String entityType,
        String entityId,
        String regionCode,
        AuditResult result,
        String before,
        String after,
        String detail) {
}
