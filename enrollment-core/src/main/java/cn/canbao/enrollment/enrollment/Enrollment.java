package cn.canbao.enrollment.enrollment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;

/** One person's enrollment for one coverage year, as stored. */
public record Enrollment(
        long id,
        int coverageYear,
        String countyCode,
        String regionCode,
        long residentId,
        String personKey,
        ParticipantCategory category,
        EnrollmentFlow flow,
        String school,
        EnrollmentStatus status,
        OffsetDateTime registeredAt,
        String registeredBy,
        String policyVersion,
        OffsetDateTime assessedAt,
        Money personalDue,
        Money subsidy,
        OffsetDateTime paidAt,
        Money paid,
        String paymentReference,
        LocalDate coverageStart,
        LocalDate coverageEnd,
        LocalDate endedOn,
        EndReason endReason,
        String endNote,
        int version) {

    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("coverageYear", coverageYear);
        state.put("regionCode", regionCode);
        state.put("residentId", residentId);
        state.put("category", category.name());
        state.put("flow", flow.name());
        state.put("school", school);
        state.put("status", status.name());
        state.put("policyVersion", policyVersion);
        state.put("personalDueFen", personalDue == null ? null : personalDue.fen());
        state.put("subsidyFen", subsidy == null ? null : subsidy.fen());
        state.put("paidFen", paid == null ? null : paid.fen());
        state.put("paymentReference", paymentReference);
        state.put("coverageStart", coverageStart == null ? null : coverageStart.toString());
        state.put("endedOn", endedOn == null ? null : endedOn.toString());
        state.put("endReason", endReason == null ? null : endReason.name());
        state.put("endNote", endNote);
        return state;
    }
}
