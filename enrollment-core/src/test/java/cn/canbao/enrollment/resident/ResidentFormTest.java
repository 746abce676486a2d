package cn.canbao.enrollment.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.person.DocumentType;
import cn.canbao.policy.ParticipantCategory;

class ResidentFormTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 12, 20);

    private static ResidentForm form(DocumentType type, String number) {
        return new ResidentForm("周建国", type, number, null, null, null, "户主", null, "340321001201", ParticipantCategory.RESIDENT,
                null, null, null);
    }

    @Test
    void anIdNumberWithAWrongCheckDigitIsReportedOnTheNumberAloneNotAsMissingSexAndBirthDate() {
        var problems = form(DocumentType.RESIDENT_ID, "340321196803140110").validate(TODAY).problems();

        assertThat(problems).extracting(FieldProblem::field).containsExactly("documentNumber");
        assertThat(problems.get(0).message()).contains("校验位");
    }

    @Test
    void aPassportStillNeedsSexAndBirthDateBecauseItsNumberCarriesNeither() {
        var problems = form(DocumentType.PASSPORT, "E12345678").validate(TODAY).problems();

        assertThat(problems).extracting(FieldProblem::field).contains("sex", "birthDate");
    }
}
