package cn.canbao.web.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.swagger.v3.oas.annotations.Operation;

import cn.canbao.audit.AuditLog;
import cn.canbao.audit.AuditPage;
import cn.canbao.audit.AuditQuery;
import cn.canbao.audit.AuditResult;
import cn.canbao.region.RegionCode;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.Role;

/**
 * The audit search for ADMIN users (page and API): by user, action, target, result, region and
 * time range, newest first, paged. An ADMIN bound to a province sees that province's entries and the
 * entries that belong to no region. Nothing here changes the log; the database refuses it anyway.
 */
@Controller
class AuditController {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int PAGE_SIZE = 50;

    private final AuditLog audit;
    private final RegionAccess access;

    AuditController(AuditLog audit, RegionAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/audit")
    String search(@RequestParam(required = false) String username, @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(required = false) AuditResult result, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, Model model) {
        AuditPage found = audit.search(query(username, action, entityType, entityId, result, regionCode, from, to, page, PAGE_SIZE),
                access.scope());
        model.addAttribute("page", found);
        model.addAttribute("results", AuditResult.values());
        model.addAttribute("zone", BEIJING);
        model.addAttribute("scope", access.scope().value());
        return "audit/search";
    }

    @GetMapping("/api/v1/audit")
    @ResponseBody
    @Operation(summary = "Search the audit log (ADMIN only; within the caller's region)",
            description = "from/to are dates (Beijing time, both inclusive); size at most 200; newest first")
    AuditPage searchApi(@RequestParam(required = false) String username, @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(required = false) AuditResult result, @RequestParam(required = false) String regionCode,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return audit.search(query(username, action, entityType, entityId, result, regionCode, from, to, page, size), access.scope());
    }

    private AuditQuery query(String username, String action, String entityType, String entityId, AuditResult result,
            String regionCode, LocalDate from, LocalDate to, int page, int size) {
        if (access.currentUser().role() != Role.ADMIN) {
            throw new AccessDeniedException("the audit log is for ADMIN");
        }
        Optional<RegionCode> region = Optional.ofNullable(regionCode).filter(c -> !c.isBlank()).map(String::strip).map(RegionCode::of);
        region.ifPresent(access::check);
        return new AuditQuery(Optional.ofNullable(username), Optional.ofNullable(action), Optional.ofNullable(entityType),
                Optional.ofNullable(entityId), Optional.ofNullable(result), region,
                Optional.ofNullable(from).map(d -> d.atStartOfDay(BEIJING).toInstant()),
                Optional.ofNullable(to).map(d -> d.plusDays(1).atStartOfDay(BEIJING).toInstant()), page, size);
    }
}
