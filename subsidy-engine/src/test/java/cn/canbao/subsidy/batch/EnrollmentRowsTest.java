package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

class EnrollmentRowsTest {

    private final EnrollmentRows rows = new EnrollmentRows();

    private static byte[] bytes(String row) {
        return row.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCopyTextRowBecomesTheCalculatorInputWithTheIdentitiesInForceOnTheAsOfDate() {
        AssessmentInput input = rows.parse(bytes("1234567\t340321100000\tRESIDENT\tt\t2024-10-20\t2015-03-01\t女儿\t"
                + "ONLY_DAUGHTER_FAMILY:,DIBAO:2024-09-30\n"));

        assertThat(input.enrollmentId()).isEqualTo(1234567L);
        assertThat(input.regionCode()).isEqualTo("340321100000");
        assertThat(input.category()).isEqualTo(ParticipantCategory.RESIDENT);
        assertThat(input.personPaid()).isTrue();
        assertThat(input.asOf()).isEqualTo(LocalDate.of(2024, 10, 20));
        assertThat(input.birthDate()).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(input.familyRole()).isEqualTo(FamilyRole.DAUGHTER);
        // 低保 ended before the payment date: only 独女户 is in force.
        assertThat(input.identities()).containsExactly(Identity.ONLY_DAUGHTER_FAMILY);
    }

    @Test
    void nullsAreReadAsMissingAndEscapedTextIsDecoded() {
        AssessmentInput input = rows.parse(bytes("7\t340321100000\tRESIDENT\tf\t2024-10-08\t\\N\t\\N\t\\N\n"));
        assertThat(input.birthDate()).isNull();
        assertThat(input.identities()).isEmpty();
        assertThat(input.familyRole()).isEqualTo(FamilyRole.OTHER);
        assertThat(input.personPaid()).isFalse();

        byte[] escaped = bytes("户\\t主\\\\\\101\\x42");
        assertThat(EnrollmentRows.unescape(escaped, 0, escaped.length)).isEqualTo("户\t主\\AB");
    }

    @Test
    void repeatedTextsAreDecodedOnceAndStillTellRowsApart() {
        String[] relations = {"女儿", "户主", "儿子", "女儿", "孙子", "户主"};
        FamilyRole[] expected = {FamilyRole.DAUGHTER, FamilyRole.PARENT, FamilyRole.SON, FamilyRole.DAUGHTER, FamilyRole.OTHER,
                FamilyRole.PARENT};
        for (int i = 0; i < relations.length; i++) {
            String region = i % 2 == 0 ? "340321100000" : "340321101000";
            String category = i % 3 == 0 ? "RESIDENT" : "STUDENT";
            AssessmentInput input = rows.parse(bytes(i + "\t" + region + "\t" + category + "\tf\t2024-10-08\t2000-01-01\t"
                    + relations[i] + "\t\\N\n"));
            assertThat(input.familyRole()).as(relations[i]).isEqualTo(expected[i]);
            assertThat(input.regionCode()).isEqualTo(region);
            assertThat(input.category()).isEqualTo(ParticipantCategory.valueOf(category));
        }
        AssessmentInput escaped = rows.parse(bytes("9\t340321100000\tRESIDENT\tf\t2024-10-08\t2000-01-01\t\\345\\245\\263\t\\N\n"));
        assertThat(escaped.familyRole()).isEqualTo(FamilyRole.DAUGHTER);
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsRefusedWithTheCount() {
        assertThatThrownBy(() -> rows.parse(bytes("7\t340321100000\tRESIDENT\n"))).hasMessageContaining("got 3");
    }
}
