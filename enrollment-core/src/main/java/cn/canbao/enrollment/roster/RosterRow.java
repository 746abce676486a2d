package cn.canbao.enrollment.roster;

import java.time.LocalDate;

import cn.canbao.enrollment.person.IdentityDocument;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

/** One valid roster line, ready to be written. */
public record RosterRow(
        long line,
        String name,
        IdentityDocument document,
        PersonKey personKey,
        Sex sex,
        LocalDate birthDate,
        String regionCode,
        ParticipantCategory category,
        String phone,
        String school,
        Identity identity,
        LocalDate validFrom,
        LocalDate validTo) {

    public String countyCode() {
        return regionCode.substring(0, 6);
    }
}
