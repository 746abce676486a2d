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
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.FamilyRole;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.ParticipantCategory;

class EnrollmentRowsTest {

    private static final Instant EPOCH_2000 = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant OCTOBER = Instant.parse("2024-10-08T01:00:00Z");

    private final EnrollmentRows rows = new EnrollmentRows();

    /** The enrollment's half of a row; null text, date and instant arguments are NULL fields. */
    private record Enrollment(long id, String region, String category, boolean paid, Instant asOf, LocalDate birth,
                              String relation, String identities) {
    }

    private static Enrollment enrollment(long id, Instant asOf, LocalDate birth, String relation, String identities) {
        return new Enrollment(id, "340321100000", "RESIDENT", true, asOf, birth, relation, identities);
    }

    /** One message as PostgreSQL's binary COPY sends it: either half may be missing (all its columns NULL). */
    private static byte[] message(boolean header, int columns, Enrollment e, EnrollmentRow.Previous p) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            if (header) {
                out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
                out.writeInt(0);
                out.writeInt(0);
            }
            out.writeShort(columns);
            if (e == null) {
                nulls(out, 8);
            } else {
                int8(out, e.id());
                text(out, e.region());
                text(out, e.category());
                bool(out, e.paid());
                int8(out, ChronoUnit.MICROS.between(EPOCH_2000, e.asOf()));
                if (e.birth() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(4);
                    out.writeInt((int) (e.birth().toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay()));
                }
                text(out, e.relation());
                text(out, e.identities());
            }
            if (p == null) {
                nulls(out, 6);
            } else {
                int8(out, p.enrollmentId());
                int8(out, p.fingerprint());
                bool(out, p.accepted());
                int8(out, p.dueFen());
                int8(out, p.subsidyFen());
                text(out, p.ruleId());
            }
            return bytes.toByteArray();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static void nulls(DataOutputStream out, int fields) throws IOException {
        for (int i = 0; i < fields; i++) {
            out.writeInt(-1);
        }
    }

    private static void int8(DataOutputStream out, long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private static void bool(DataOutputStream out, boolean value) throws IOException {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
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

    private static AssessmentRow result(boolean accepted, long dueFen, Map<Funder, Money> parts, String rule) {
        return new AssessmentRow(1, "340321100000", 0, accepted, accepted ? null : "MISSING_BIRTH_DATE", Money.ofFen(40000),
                Money.ofFen(dueFen), null, rule, null, parts, Money.ZERO, true);
    }

    @Test
    void theFirstMessageCarriesTheFileHeaderAndItsRowBecomesTheCalculatorInputWithTheIdentitiesInForceOnTheAsOfDate() {
        EnrollmentRow row = rows.parse(message(true, 14, enrollment(1234567, Instant.parse("2024-10-20T02:00:00Z"),
                LocalDate.of(2015, 3, 1), "女儿", "ONLY_DAUGHTER_FAMILY:,DIBAO:2024-09-30"), null));

        AssessmentInput input = row.input();
        assertThat(row.previous()).isNull();
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
        assertThat(rows.parse(message(false, 14, enrollment(1, Instant.parse("2024-10-19T16:30:00Z"), LocalDate.of(2000, 1, 1),
                null, null), null)).input().asOf()).isEqualTo(LocalDate.of(2024, 10, 20));
        assertThat(rows.parse(message(false, 14, enrollment(2, Instant.parse("2024-10-19T15:59:59Z"), LocalDate.of(2000, 1, 1),
                null, null), null)).input().asOf()).isEqualTo(LocalDate.of(2024, 10, 19));
        assertThat(EnrollmentRows.beijingDate(-1)).isEqualTo(LocalDate.of(2000, 1, 1));
    }

    @Test
    void nullsAreReadAsMissing() {
        AssessmentInput input = rows.parse(message(false, 14, new Enrollment(7, "340321100000", "RESIDENT", false, OCTOBER, null,
                null, null), null)).input();
        assertThat(input.birthDate()).isNull();
        assertThat(input.identities()).isEmpty();
        assertThat(input.familyRole()).isEqualTo(FamilyRole.OTHER);
        assertThat(input.personPaid()).isFalse();
    }

    @Test
    void anEnrollmentComesWithItsStoredResultAndAStoredResultWithoutAnActiveEnrollmentComesAlone() {
        EnrollmentRow.Previous stored = new EnrollmentRow.Previous(7, 70, true, 6000, 34000, "dibao");
        EnrollmentRow both = rows.parse(message(false, 14, enrollment(7, OCTOBER, LocalDate.of(1960, 5, 5), "户主",
                "DIBAO:"), stored));
        assertThat(both.input().identities()).containsExactly(Identity.DIBAO);
        assertThat(both.previous()).isEqualTo(stored);

        EnrollmentRow.Previous orphan = new EnrollmentRow.Previous(8, 80, false, 0, 0, null);
        EnrollmentRow removed = rows.parse(message(false, 14, null, orphan));
        assertThat(removed.input()).isNull();
        assertThat(removed.previous()).isEqualTo(orphan);
    }

    @Test
    void aNewResultIsTheSameOutcomeOnlyWhenAcceptanceDueSubsidyAndSchemeAllAgree() {
        EnrollmentRow.Previous dibao = new EnrollmentRow.Previous(1, 11, true, 6000, 34000, "dibao");
        assertThat(dibao.sameOutcome(result(true, 6000, Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(34000)), "dibao")))
                .isTrue();
        assertThat(dibao.sameOutcome(result(true, 6000, Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(34000)), "tekun")))
                .isFalse();
        assertThat(dibao.sameOutcome(result(true, 0, Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(40000)), "dibao")))
                .isFalse();
        EnrollmentRow.Previous ordinary = new EnrollmentRow.Previous(2, 12, true, 40000, 0, null);
        assertThat(ordinary.sameOutcome(result(true, 40000, Map.of(), null))).isTrue();
        assertThat(ordinary.sameOutcome(result(false, 40000, Map.of(), null))).isFalse();
        assertThat(ordinary.sameOutcome(result(true, 40000, Map.of(Funder.GOVERNMENT, Money.ofFen(100)), null))).isFalse();
    }

    @Test
    void repeatedTextsAreDecodedOnceAndStillTellRowsApart() {
        String[] relations = {"女儿", "户主", "儿子", "女儿", "孙子", "户主"};
        FamilyRole[] expected = {FamilyRole.DAUGHTER, FamilyRole.PARENT, FamilyRole.SON, FamilyRole.DAUGHTER, FamilyRole.OTHER,
                FamilyRole.PARENT};
        for (int i = 0; i < relations.length; i++) {
            String region = i % 2 == 0 ? "340321100000" : "340321101000";
            String category = i % 3 == 0 ? "RESIDENT" : "STUDENT";
            AssessmentInput input = rows.parse(message(false, 14, new Enrollment(i, region, category, false, OCTOBER,
                    LocalDate.of(2000, 1, 1), relations[i], null), null)).input();
            assertThat(input.familyRole()).as(relations[i]).isEqualTo(expected[i]);
            assertThat(input.regionCode()).isEqualTo(region);
            assertThat(input.category()).isEqualTo(ParticipantCategory.valueOf(category));
        }
    }

    @Test
    void theTrailerEndsTheStreamWithoutARowAndAWrongColumnCountIsRefusedWithTheCount() {
        assertThat(rows.parse(new byte[] {(byte) 0xFF, (byte) 0xFF})).isNull();
        assertThatThrownBy(() -> rows.parse(message(false, 3, enrollment(7, OCTOBER, null, null, null), null)))
                .hasMessageContaining("got 3");
    }
}
