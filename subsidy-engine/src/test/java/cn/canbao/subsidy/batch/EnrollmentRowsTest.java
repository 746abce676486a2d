package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

class EnrollmentRowsTest {

    private static final Instant EPOCH_2000 = Instant.parse("2000-01-01T00:00:00Z");

    private final EnrollmentRows rows = new EnrollmentRows();

    /** One message as PostgreSQL's binary COPY sends it; null text, date or instant arguments are NULL fields. */
    private static byte[] message(boolean header, int columns, long id, String region, String category, boolean paid,
            Instant asOf, LocalDate birth, String relation, String identities) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            if (header) {
                out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
                out.writeInt(0);
                out.writeInt(0);
            }
            out.writeShort(columns);
            out.writeInt(8);
            out.writeLong(id);
            text(out, region);
            text(out, category);
            out.writeInt(1);
            out.writeByte(paid ? 1 : 0);
            out.writeInt(8);
            out.writeLong(ChronoUnit.MICROS.between(EPOCH_2000, asOf));
            if (birth == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(4);
                out.writeInt((int) (birth.toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay()));
            }
            text(out, relation);
            text(out, identities);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    @Test
    void theFirstMessageCarriesTheFileHeaderAndItsRowBecomesTheCalculatorInputWithTheIdentitiesInForceOnTheAsOfDate() {
        AssessmentInput input = rows.parse(message(true, 8, 1234567, "340321100000", "RESIDENT", true,
                Instant.parse("2024-10-20T02:00:00Z"), LocalDate.of(2015, 3, 1), "女儿", "ONLY_DAUGHTER_FAMILY:,DIBAO:2024-09-30"));

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
    void theAsOfInstantIsDatedInBeijingTime() {
        // 16:30 UTC on 19 October is 00:30 on 20 October in Beijing; 15:59 UTC is still the 19th there.
        assertThat(rows.parse(message(false, 8, 1, "340321100000", "RESIDENT", true, Instant.parse("2024-10-19T16:30:00Z"),
                LocalDate.of(2000, 1, 1), null, null)).asOf()).isEqualTo(LocalDate.of(2024, 10, 20));
        assertThat(rows.parse(message(false, 8, 2, "340321100000", "RESIDENT", true, Instant.parse("2024-10-19T15:59:59Z"),
                LocalDate.of(2000, 1, 1), null, null)).asOf()).isEqualTo(LocalDate.of(2024, 10, 19));
        assertThat(EnrollmentRows.beijingDate(-1)).isEqualTo(LocalDate.of(2000, 1, 1));
    }

    @Test
    void nullsAreReadAsMissing() {
        AssessmentInput input = rows.parse(message(false, 8, 7, "340321100000", "RESIDENT", false,
                Instant.parse("2024-10-08T01:00:00Z"), null, null, null));
        assertThat(input.birthDate()).isNull();
        assertThat(input.identities()).isEmpty();
        assertThat(input.familyRole()).isEqualTo(FamilyRole.OTHER);
        assertThat(input.personPaid()).isFalse();
    }

    @Test
    void repeatedTextsAreDecodedOnceAndStillTellRowsApart() {
        String[] relations = {"女儿", "户主", "儿子", "女儿", "孙子", "户主"};
        FamilyRole[] expected = {FamilyRole.DAUGHTER, FamilyRole.PARENT, FamilyRole.SON, FamilyRole.DAUGHTER, FamilyRole.OTHER,
                FamilyRole.PARENT};
        for (int i = 0; i < relations.length; i++) {
            String region = i % 2 == 0 ? "340321100000" : "340321101000";
            String category = i % 3 == 0 ? "RESIDENT" : "STUDENT";
            AssessmentInput input = rows.parse(message(false, 8, i, region, category, false, Instant.parse("2024-10-08T01:00:00Z"),
                    LocalDate.of(2000, 1, 1), relations[i], null));
            assertThat(input.familyRole()).as(relations[i]).isEqualTo(expected[i]);
            assertThat(input.regionCode()).isEqualTo(region);
            assertThat(input.category()).isEqualTo(ParticipantCategory.valueOf(category));
        }
    }

    @Test
    void theTrailerEndsTheStreamWithoutARowAndAWrongColumnCountIsRefusedWithTheCount() {
        assertThat(rows.parse(new byte[] {(byte) 0xFF, (byte) 0xFF})).isNull();
        assertThatThrownBy(() -> rows.parse(message(false, 3, 7, "340321100000", "RESIDENT", false,
                Instant.parse("2024-10-08T01:00:00Z"), null, null, null))).hasMessageContaining("got 3");
    }
}
