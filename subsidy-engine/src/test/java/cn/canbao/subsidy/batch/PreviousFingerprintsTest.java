package cn.canbao.subsidy.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class PreviousFingerprintsTest {

    /** The binary COPY of (enrollment_id, input_fingerprint) rows. */
    private static PreviousFingerprints read(long... idsAndFingerprints) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        for (int i = 0; i < idsAndFingerprints.length; i += 2) {
            out.writeShort(2);
            out.writeInt(8);
            out.writeLong(idsAndFingerprints[i]);
            out.writeInt(8);
            out.writeLong(idsAndFingerprints[i + 1]);
        }
        out.writeShort(-1);
        return PreviousFingerprints.fromBinaryCopy(new ByteArrayInputStream(bytes.toByteArray()), 0);
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
    void aFirstRunHasNothingBefore() throws IOException {
        PreviousFingerprints previous = read();
        assertThat(previous.size()).isZero();
        assertThat(previous.find(1)).isEqualTo(-1);
        assertThat(previous.unseen()).isEmpty();
    }
}
