package cn.canbao.web.enrollment;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import cn.canbao.enrollment.enrollment.EndReason;
import cn.canbao.enrollment.enrollment.Enrollment;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;

/** An enrollment as the API shows it: the person key (which contains the ID number) masked. */
record EnrollmentView(long id, int coverageYear, String regionCode, long residentId, String maskedPersonKey,
        ParticipantCategory category, EnrollmentFlow flow, String school, EnrollmentStatus status, OffsetDateTime registeredAt,
        String registeredBy, String policyVersion, Money personalDue, Money subsidy, Money paid, LocalDate coverageStart,
        LocalDate coverageEnd, LocalDate endedOn, EndReason endReason, String endNote, int version) {

    static EnrollmentView of(Enrollment e) {
        return new EnrollmentView(e.id(), e.coverageYear(), e.regionCode(), e.residentId(), new PersonKey(e.personKey()).toString(),
                e.category(), e.flow(), e.school(), e.status(), e.registeredAt(), e.registeredBy(), e.policyVersion(),
                e.personalDue(), e.subsidy(), e.paid(), e.coverageStart(), e.coverageEnd(), e.endedOn(), e.endReason(), e.endNote(),
                e.version());
    }
}
