package cn.canbao.enrollment.resident;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.canbao.enrollment.person.IdentityDocument;
import cn.canbao.enrollment.person.Masking;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.policy.ParticipantCategory;

/** A resident as stored. {@code regionCode} is where the person is managed (township or village). */
public record Resident(
        long id,
        PersonKey personKey,
        String name,
        IdentityDocument document,
        Sex sex,
        LocalDate birthDate,
        Long householdId,
        String relationToHead,
        String hukouRegionCode,
        String regionCode,
        String countyCode,
        ParticipantCategory category,
        String phone,
        String school,
        LocalDate diedOn,
        int version) {

    public String maskedDocumentNumber() {
        return Masking.maskDocumentNumber(document.number());
    }

    public String maskedPhone() {
        return Masking.maskPhone(phone);
    }

    /** The state for the audit log; document number and phone masked (audit readers see masked data). */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("documentType", document.type().name());
        state.put("documentNumber", maskedDocumentNumber());
        state.put("sex", sex == null ? null : sex.code());
        state.put("birthDate", birthDate == null ? null : birthDate.toString());
        state.put("householdId", householdId);
        state.put("relationToHead", relationToHead);
        state.put("hukouRegionCode", hukouRegionCode);
        state.put("regionCode", regionCode);
        state.put("category", category.name());
        state.put("phone", maskedPhone());
        state.put("school", school);
        state.put("diedOn", diedOn == null ? null : diedOn.toString());
        state.put("version", version);
        return state;
    }
}
