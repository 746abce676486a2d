package cn.canbao.web.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for the few values that must be readable again but never stored or sent in clear: the
 * TOTP secrets and the sealed references behind masked values on pages. The key is 32 bytes, Base64,
 * from {@code canbao.security.data-key} ({@code CANBAO_DATA_KEY}); the prod profile refuses to start
 * without it. Every value is bound to a context (e.g. the username) as associated data, so a
 * ciphertext copied into another row or form does not decrypt.
 */
@Component
public class FieldEncryption {

    static final String PREFIX = "gcm1:";
    private static final Logger log = LoggerFactory.getLogger(FieldEncryption.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    FieldEncryption(@Value("${canbao.security.data-key:}") String base64Key) {
        byte[] bytes;
        if (base64Key == null || base64Key.isBlank()) {
            log.warn("canbao.security.data-key is not set: using a random key for this run only; "
                    + "second factors enrolled now will not survive a restart");
            bytes = new byte[32];
            random.nextBytes(bytes);
        } else {
            bytes = Base64.getDecoder().decode(base64Key.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("canbao.security.data-key must be 32 bytes (Base64), got " + bytes.length);
            }
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String encrypt(String plain, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** The plain value; throws {@link IllegalArgumentException} for anything altered, foreign or not ours. */
    public String decrypt(String stored, String context) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
            if (all.length <= IV_BYTES) {
                throw new IllegalArgumentException("encrypted value too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted value does not decrypt with this key and context", e);
        }
    }
}
