package cn.canbao.audit;

import java.util.Map;

/**
 * One audited fact: what was done (action, e.g. RESIDENT_REGISTERED) to which entity, in which
 * region, with which result, and the state before and after (plain maps, written as JSON).
 */
public record AuditEntry(
        String action,
        String entityType,
        String entityId,
        String regionCode,
        AuditResult result,
        Map<String, ?> before,
        Map<String, ?> after,
        String detail) {

    public static AuditEntry success(String action, String entityType, Object entityId, String regionCode,
            Map<String, ?> before, Map<String, ?> after) {
        return new AuditEntry(action, entityType, entityId == null ? null : entityId.toString(), regionCode,
                AuditResult.SUCCESS, before, after, null);
    }

    public AuditEntry withDetail(String text) {
        return new AuditEntry(action, entityType, entityId, regionCode, result, before, after, text);
    }

    public AuditEntry withResult(AuditResult newResult) {
        return new AuditEntry(action, entityType, entityId, regionCode, newResult, before, after, detail);
    }
}
