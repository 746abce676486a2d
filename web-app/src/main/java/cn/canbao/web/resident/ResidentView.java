package cn.canbao.web.resident;

import java.time.LocalDate;

import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.policy.ParticipantCategory;

/** A resident as lists and the API show it: document number and phone masked. */
public record ResidentView(long id, String name, DocumentType documentType, String maskedDocumentNumber, Sex sex,
        LocalDate birthDate, Long householdId, String relationToHead, String hukouRegionCode, String regionCode,
        ParticipantCategory category, String maskedPhone, String school, LocalDate diedOn, int version) {

    public static ResidentView of(Resident r) {
        return new ResidentView(r.id(), r.name(), r.document().type(), r.maskedDocumentNumber(), r.sex(), r.birthDate(),
                r.householdId(), r.relationToHead(), r.hukouRegionCode(), r.regionCode(), r.category(), r.maskedPhone(), r.school(),
                r.diedOn(), r.version());
    }
}
