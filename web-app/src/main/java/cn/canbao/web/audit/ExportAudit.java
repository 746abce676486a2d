package cn.canbao.web.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.Role;

/**
 * What every Excel export calls: whether this export may carry full ID and phone numbers, and the audit
 * entry for it. Exports are masked unless an ADMIN or COUNTY_STAFF user gives a reason; a reason from
 * any other role is refused (403), never silently ignored.
 */
@Component
public class ExportAudit {

    private final RegionAccess access;
    private final AuditLog audit;

    ExportAudit(RegionAccess access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    /** True when the export may carry full numbers: a reason is given and the user's role has the right. */
    public boolean unmasked(String reason) {
        if (reason == null || reason.isBlank()) {
            return false;
        }
        Role role = access.currentUser().role();
        if (role != Role.ADMIN && role != Role.COUNTY_STAFF) {
            throw new AccessDeniedException("only ADMIN and COUNTY_STAFF may export full ID and phone numbers");
        }
        return true;
    }

    /** Writes the export to the audit log: what, of which region, how many rows, masked or not and why. */
    public void record(HttpServletRequest request, String action, String entityType, String regionCode, long rows,
            String reason, Map<String, ?> parameters) {
        boolean unmasked = reason != null && !reason.isBlank();
        Map<String, Object> after = new LinkedHashMap<>(parameters);
        after.put("rows", rows);
        after.put("masked", !unmasked);
        AuditEntry entry = AuditEntry.success(action, entityType, null, regionCode, null, after);
        audit.recordIndependently(access.actor(request), unmasked ? entry.withDetail(reason.strip()) : entry);
    }
}
