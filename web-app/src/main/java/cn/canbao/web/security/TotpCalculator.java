package cn.canbao.web.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords as authenticator apps compute them (RFC 6238: HMAC-SHA1, 30-second
 * steps, 6 digits). A code is accepted for the current step and one step either side, to allow for a
 * phone clock that is a little off.
 */
public final class TotpCalculator {

    private static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int ALLOWED_DRIFT_STEPS = 1;
    private static final Base32 BASE32 = new Base32();

    private TotpCalculator() {
    }

    /** A new random 160-bit secret, Base32 as authenticator apps expect it. */
    public static String newSecret(SecureRandom random) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return BASE32.encodeToString(secret).replace("=", "");
    }

    public static boolean verify(String base32Secret, String code, Instant now) {
        return matchingStep(base32Secret, code, now).isPresent();
    }

    /**
     * The time step (seconds since the epoch / 30) whose code this is, within the allowed drift; empty
     * for a wrong code. Callers remember the step to refuse the same code a second time.
     */
    public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (base32Secret == null || code == null || !code.trim().matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long step = now.getEpochSecond() / STEP_SECONDS;
        for (long drift = -ALLOWED_DRIFT_STEPS; drift <= ALLOWED_DRIFT_STEPS; drift++) {
            if (codeAt(base32Secret, step + drift).equals(code.trim())) {
                return OptionalLong.of(step + drift);
            }
        }
        return OptionalLong.empty();
    }

    public static String codeAt(String base32Secret, Instant time) {
        return codeAt(base32Secret, time.getEpochSecond() / STEP_SECONDS);
    }

    /** The otpauth:// URI that authenticator apps import (also as a QR code). */
    public static String provisioningUri(String issuer, String account, String base32Secret) {
        return "otpauth://totp/" + issuer + ":" + account + "?secret=" + base32Secret + "&issuer=" + issuer
                + "&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String codeAt(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(BASE32.decode(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
        }
    }
}
