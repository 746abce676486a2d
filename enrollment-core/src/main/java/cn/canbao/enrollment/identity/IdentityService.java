package cn.canbao.enrollment.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.enrollment.EnrollmentService;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentService;
import cn.canbao.policy.Identity;

/**
 * Special identities entered at the agency (rosters come in through the roster import). Every
 * change is a new row; the person's enrollment for the year is re-assessed in the same transaction.
 */
@Service
public class IdentityService {

    private final IdentityRepository identities;
    private final ResidentService residents;
    private final EnrollmentService enrollments;
    private final AuditLog audit;
    private final Clock clock;

    public IdentityService(IdentityRepository identities, ResidentService residents, EnrollmentService enrollments,
            AuditLog audit, Clock clock) {
        this.identities = identities;
        this.residents = residents;
        this.enrollments = enrollments;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records that the resident holds (or, with {@code validTo} in the past, no longer holds) an
     * identity for the coverage year, and re-assesses the year's enrollment.
     */
    @Transactional
    public List<EnrollmentService.Reassessment> record(Actor actor, long residentId, int coverageYear, Identity identity,
            LocalDate validFrom, LocalDate validTo, String note) {
        Resident resident = residents.get(actor, residentId);
        List<FieldProblem> problems = new ArrayList<>();
        if (identity == null) {
            problems.add(new FieldProblem("identity", "请选择身份类别"));
        }
        if (validFrom == null) {
            problems.add(new FieldProblem("validFrom", "请填写有效期起"));
        } else if (validTo != null && validTo.isBefore(validFrom)) {
            problems.add(new FieldProblem("validTo", "有效期止不能早于有效期起"));
        }
        if (note != null && note.length() > 200) {
            problems.add(new FieldProblem("note", "备注不超过200字"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        LocalDate today = LocalDate.now(clock);
        long id = identities.insertManual(resident.personKey(), resident.name(), resident.regionCode(),
                resident.countyCode(), coverageYear, identity, validFrom, validTo, today,
                actor.username(), note);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("residentId", residentId);
        after.put("coverageYear", coverageYear);
        after.put("identity", identity.name());
        after.put("validFrom", validFrom.toString());
        after.put("validTo", validTo == null ? null : validTo.toString());
        audit.record(actor, AuditEntry.success("IDENTITY_RECORDED", "person_identity", id, resident.regionCode(), null, after));
        return enrollments.reassess(actor, List.of(residentId), coverageYear);
    }

    /** The full history of a resident's identities, newest first, including roster statements made before they registered. */
    public List<PersonIdentity> history(Actor actor, long residentId) {
        return identities.history(residents.get(actor, residentId).personKey());
    }
}
