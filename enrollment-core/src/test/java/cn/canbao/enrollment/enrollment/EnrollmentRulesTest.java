package cn.canbao.enrollment.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.enrollment.person.IdentityDocument;
import cn.canbao.enrollment.person.PersonKey;
import cn.canbao.enrollment.person.Sex;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.policy.ParticipantCategory;

class EnrollmentRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 10, 15);

    private static Resident person(ParticipantCategory category, LocalDate birth, DocumentType type, String school) {
        IdentityDocument document = new IdentityDocument(type, "O340012345");
        return new Resident(1, new PersonKey("BCO340012345"), "测试", document, Sex.MALE, birth, null, null, null, "340321001000",
                "340321", category, null, school, null, 0);
    }

    @Test
    void theNinetyDayWindowIncludesTheNinetiethDay() {
        LocalDate birth = LocalDate.of(2024, 7, 1);
        assertThat(EnrollmentRules.withinNewbornWindow(birth, birth.plusDays(90))).isTrue();
        assertThat(EnrollmentRules.withinNewbornWindow(birth, birth.plusDays(91))).isFalse();
        assertThat(EnrollmentRules.withinNewbornWindow(birth, birth.minusDays(1))).isFalse();
    }

    @Test
    void paymentBeforeTheYearCoversFromJanuaryFirst() {
        assertThat(EnrollmentRules.coverageStart(EnrollmentFlow.RENEWAL, LocalDate.of(1980, 1, 1), 2025, LocalDate.of(2024, 12, 31)))
                .isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void aNewbornPaidWithin90DaysIsCoveredFromBirthAndLaterFromTheNextDay() {
        LocalDate birth = LocalDate.of(2024, 3, 10);
        assertThat(EnrollmentRules.coverageStart(EnrollmentFlow.NEWBORN, birth, 2024, birth.plusDays(90))).isEqualTo(birth);
        assertThat(EnrollmentRules.coverageStart(EnrollmentFlow.NEWBORN, birth, 2024, birth.plusDays(91))).isEqualTo(birth.plusDays(92));
    }

    @Test
    void aPaymentDuringTheYearCoversFromTheNextDay() {
        assertThat(EnrollmentRules.coverageStart(EnrollmentFlow.MIGRANT_WORKER, LocalDate.of(1990, 1, 1), 2025, LocalDate.of(2025, 2, 20)))
                .isEqualTo(LocalDate.of(2025, 2, 21));
    }

    @Test
    void aStudentFlowNeedsAStudentCategoryAndASchool() {
        assertThat(EnrollmentRules.check(person(ParticipantCategory.RESIDENT, LocalDate.of(2010, 1, 1), DocumentType.BIRTH_MEDICAL_CERTIFICATE, null),
                EnrollmentFlow.STUDENT_BY_SCHOOL, 2025, null, TODAY)).extracting(FieldProblem::field).containsExactly("flow", "school");
        assertThat(EnrollmentRules.check(person(ParticipantCategory.STUDENT, LocalDate.of(2010, 1, 1), DocumentType.BIRTH_MEDICAL_CERTIFICATE, "一中"),
                EnrollmentFlow.STUDENT_BY_SCHOOL, 2025, null, TODAY)).isEmpty();
    }

    @Test
    void aNewbornWithinNinetyDaysMayNotBeRegisteredAsAnOrdinaryNewParticipant() {
        Resident baby = person(ParticipantCategory.NEWBORN, TODAY.minusDays(10), DocumentType.BIRTH_MEDICAL_CERTIFICATE, null);
        assertThat(EnrollmentRules.check(baby, EnrollmentFlow.NEW_OR_LAPSED, 2024, null, TODAY)).extracting(FieldProblem::message)
                .singleElement().asString().contains("新生儿");
        assertThat(EnrollmentRules.check(baby, EnrollmentFlow.NEWBORN, 2024, null, TODAY)).isEmpty();
    }

    @Test
    void onlyLastThisAndNextYearCanBeRegistered() {
        Resident adult = person(ParticipantCategory.RESIDENT, LocalDate.of(1980, 1, 1), DocumentType.BIRTH_MEDICAL_CERTIFICATE, null);
        assertThat(EnrollmentRules.check(adult, EnrollmentFlow.NEW_OR_LAPSED, 2026, null, TODAY)).extracting(FieldProblem::field)
                .containsExactly("coverageYear");
        assertThat(EnrollmentRules.check(adult, EnrollmentFlow.NEW_OR_LAPSED, 2025, null, TODAY)).isEmpty();
    }
}
