package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpCalculatorTest {

    /** RFC 6238 appendix B: the SHA1 seed "12345678901234567890"; the RFC lists 8-digit codes, we use the last 6. */
    private static final String RFC_SECRET = new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void computesTheCodesOfTheRfcTestVectors() {
        assertThat(TotpCalculator.codeAt(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(TotpCalculator.codeAt(RFC_SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(TotpCalculator.codeAt(RFC_SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(TotpCalculator.codeAt(RFC_SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void acceptsTheCodeOfTheNeighbouringStepButNotOlder() {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        String secret = TotpCalculator.newSecret(new SecureRandom());
        assertThat(TotpCalculator.verify(secret, TotpCalculator.codeAt(secret, now), now)).isTrue();
        assertThat(TotpCalculator.verify(secret, TotpCalculator.codeAt(secret, now.minusSeconds(30)), now)).isTrue();
        assertThat(TotpCalculator.verify(secret, TotpCalculator.codeAt(secret, now.minusSeconds(90)), now)).isFalse();
    }

    @Test
    void refusesAnythingThatIsNotSixDigits() {
        String secret = TotpCalculator.newSecret(new SecureRandom());
        assertThat(TotpCalculator.verify(secret, "12345", Instant.now())).isFalse();
        assertThat(TotpCalculator.verify(secret, "abcdef", Instant.now())).isFalse();
        assertThat(TotpCalculator.verify(null, "123456", Instant.now())).isFalse();
    }
}
