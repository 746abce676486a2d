package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;

class PreviousFingerprintsTest {

    /** One stored result as the previous-results COPY sends it. */
    private record Stored(long id, long fingerprint, boolean accepted, long due, long subsidy, String rule) {
    }

    /** The binary COPY of (enrollment_id, input_fingerprint, accepted, due, subsidy total, rule_id) rows. */
    private static byte[] copy(Stored... rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        for (Stored row : rows) {
            out.writeShort(6);
            out.writeInt(8);
            out.writeLong(row.id());
            out.writeInt(8);
            out.writeLong(row.fingerprint());
            out.writeInt(1);
            out.writeBoolean(row.accepted());
            out.writeInt(8);
            out.writeLong(row.due());
            out.writeInt(8);
            out.writeLong(row.subsidy());
            if (row.rule() == null) {
                out.writeInt(-1);
            } else {
                byte[] utf8 = row.rule().getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    /** Stored results (accepted, due 400 yuan, no subsidy or scheme) with these ids and fingerprints. */
    private static PreviousFingerprints read(long... idsAndFingerprints) throws IOException {
        Stored[] rows = new Stored[idsAndFingerprints.length / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Stored(idsAndFingerprints[2 * i], idsAndFingerprints[2 * i + 1], true, 40000, 0, null);
        }
        return PreviousFingerprints.fromBinaryCopy(new ByteArrayInputStream(copy(rows)), 0);
    }

    private static AssessmentRow result(boolean accepted, long dueFen, Map<Funder, Money> parts, String rule) {
        return new AssessmentRow(1, "340321100000", 0, accepted, accepted ? null : "MISSING_BIRTH_DATE", Money.ofFen(40000),
                Money.ofFen(dueFen), null, rule, null, parts, Money.ZERO, true);
    }

    @Test
    void aNewResultIsTheSameOutcomeOnlyWhenAcceptanceDueSubsidyAndSchemeAllAgree() throws IOException {
        PreviousFingerprints previous = PreviousFingerprints.fromBinaryCopy(new ByteArrayInputStream(copy(
                new Stored(1, 11, true, 6000, 34000, "dibao"), new Stored(2, 12, true, 40000, 0, null))), 0);

        int dibao = previous.find(1);
        assertThat(previous.sameOutcome(dibao, result(true, 6000, Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(34000)), "dibao")))
                .isTrue();
        assertThat(previous.sameOutcome(dibao, result(true, 6000, Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(34000)), "tekun")))
                .isFalse();
        assertThat(previous.sameOutcome(dibao, result(true, 0, Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(40000)), "dibao")))
                .isFalse();
        int ordinary = previous.find(2);
        assertThat(previous.sameOutcome(ordinary, result(true, 40000, Map.of(), null))).isTrue();
        assertThat(previous.sameOutcome(ordinary, result(false, 40000, Map.of(), null))).isFalse();
        assertThat(previous.sameOutcome(ordinary, result(true, 40000, Map.of(Funder.GOVERNMENT, Money.ofFen(100)), null))).isFalse();
    }

    @Test
    void nearlyDenseIdsAreFoundAndTheUnmetOnesAreLeftOver() throws IOException {
        PreviousFingerprints previous = read(1001, 11, 1003, 13, 1002, 12);
        assertThat(previous.size()).isEqualTo(3);
        assertThat(previous.fingerprint(previous.find(1003))).isEqualTo(13);
        assertThat(previous.find(1000)).isEqualTo(-1);
        assertThat(previous.find(1004)).isEqualTo(-1);
        previous.markSeen(previous.find(1001));
        previous.markSeen(previous.find(1003));
        assertThat(previous.unseen()).containsExactly(1002);
    }

    @Test
    void scatteredIdsAreFoundThroughTheHashTable() throws IOException {
        PreviousFingerprints previous = read(5, 50, 9_000_000_000L, 90, 77_000, 70);
        assertThat(previous.fingerprint(previous.find(9_000_000_000L))).isEqualTo(90);
        assertThat(previous.fingerprint(previous.find(5))).isEqualTo(50);
        assertThat(previous.find(6)).isEqualTo(-1);
        previous.markSeen(previous.find(77_000));
        assertThat(previous.unseen()).containsExactlyInAnyOrder(5, 9_000_000_000L);
    }

    @Test
    void rowsThatArriveInPiecesSmallerThanAFieldAreReadWhole() throws IOException {
        byte[] bytes = copy(new Stored(7, 70, true, 6000, 34000, "dibao"), new Stored(8, 80, false, 0, 0, null));
        // The COPY stream hands over three bytes at a time.
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 3));
            }
        };
        PreviousFingerprints previous = PreviousFingerprints.fromBinaryCopy(trickle, 0);
        assertThat(previous.fingerprint(previous.find(7))).isEqualTo(70);
        assertThat(previous.fingerprint(previous.find(8))).isEqualTo(80);
        assertThat(previous.sameOutcome(previous.find(7), result(true, 6000,
                Map.of(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofFen(34000)), "dibao"))).isTrue();
    }

    @Test
    void aFirstRunHasNothingBefore() throws IOException {
        PreviousFingerprints previous = read();
        assertThat(previous.size()).isZero();
        assertThat(previous.find(1)).isEqualTo(-1);
        assertThat(previous.unseen()).isEmpty();
    }
}
