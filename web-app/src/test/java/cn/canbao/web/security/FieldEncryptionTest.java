package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class FieldEncryptionTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final FieldEncryption encryption = new FieldEncryption(KEY);

    @Test
    void aValueEncryptedForAContextDecryptsBackAndIsNotStoredInClear() {
        String stored = encryption.encrypt("JBSWY3DPEHPK3PXP", "totp:alice");

        assertThat(stored).startsWith("gcm1:").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(encryption.decrypt(stored, "totp:alice")).isEqualTo("JBSWY3DPEHPK3PXP");
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        assertThat(encryption.encrypt("secret", "c")).isNotEqualTo(encryption.encrypt("secret", "c"));
    }

    @Test
    void aCiphertextCopiedToAnotherUserDoesNotDecrypt() {
        String stored = encryption.encrypt("JBSWY3DPEHPK3PXP", "totp:alice");

        assertThatThrownBy(() -> encryption.decrypt(stored, "totp:mallory")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlteredCiphertextOrAnotherKeyIsRefused() {
        String stored = encryption.encrypt("JBSWY3DPEHPK3PXP", "totp:alice");
        // One bit of the sealed bytes flipped. (Changing the last Base64 character instead could change only its unused
        // low bits, which decode to the same bytes: the test failed about once in 16 runs.)
        byte[] sealed = Base64.getUrlDecoder().decode(stored.substring(FieldEncryption.PREFIX.length()));
        sealed[sealed.length / 2] ^= 1;
        String altered = FieldEncryption.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

        assertThatThrownBy(() -> encryption.decrypt(altered, "totp:alice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldEncryption(OTHER_KEY).decrypt(stored, "totp:alice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encryption.decrypt("JBSWY3DPEHPK3PXP", "totp:alice")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyOfTheWrongLengthStopsTheStart() {
        assertThatThrownBy(() -> new FieldEncryption(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
