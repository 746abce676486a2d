package cn.canbao.enrollment.enrollment;

import java.time.LocalDate;

import cn.canbao.enrollment.person.Masking;
import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;

/** One line of the enrollment list: the enrollment with the person's name and masked document number. */
public record EnrollmentListItem(
        long id,
        int coverageYear,
        String regionCode,
        String regionName,
        long residentId,
        String name,
        String maskedDocumentNumber,
        ParticipantCategory category,
        EnrollmentFlow flow,
        EnrollmentStatus status,
        Money personalDue,
        Money paid,
        LocalDate coverageStart) {

    static String mask(String number) {
        return Masking.maskDocumentNumber(number);
    }
}
