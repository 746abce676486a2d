package cn.canbao.web.audit;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Service;

import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.enrollment.person.Masking;
import cn.canbao.web.security.RegionAccess;

/**
 * Showing a full ID or phone number: only with a reason, only inside the user's region, and always
 * written to the audit log (who, when, from where, which person, why) before the value is returned.
 */
@Service
class RevealService {

    static final int REASON_LIMIT = 500;

    private final PersonalData personalData;
    private final RegionAccess access;
    private final AuditLog audit;

    RevealService(PersonalData personalData, RegionAccess access, AuditLog audit) {
        this.personalData = personalData;
        this.access = access;
        this.audit = audit;
    }

    /** The full value; {@link IllegalArgumentException} for a missing reason or a reference that is not the user's. */
    PersonalData.Sealed reveal(String reference, String reason, HttpServletRequest request) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        if (reason.strip().length() > REASON_LIMIT) {
            throw new IllegalArgumentException("the reason is longer than " + REASON_LIMIT + " characters");
        }
        PersonalData.Sealed sealed = personalData.open(reference);
        access.check(sealed.region());
        String masked = sealed.kind() == PersonalData.Kind.PHONE ? Masking.maskPhone(sealed.value())
                : Masking.maskDocumentNumber(sealed.value());
        String action = sealed.kind() == PersonalData.Kind.PHONE ? "PHONE_REVEALED" : "ID_NUMBER_REVEALED";
        audit.recordIndependently(access.actor(request), AuditEntry.success(action, "person", masked, sealed.region().value(),
                null, Map.of("userAgent", String.valueOf(request.getHeader("User-Agent")))).withDetail(reason.strip()));
        return sealed;
    }
}
