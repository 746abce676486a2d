package cn.canbao.enrollment.person;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The key that recognises one person across document types, used by the one-enrollment-per-year
 * constraint. A residence permit carries the holder's resident ID number, so both give the same
 * key; a HK/Macau/Taiwan residence permit number is unique in the same national numbering space.
 * Passports, foreign permanent residence cards and birth certificates key on their own numbers
 * (nothing in them links to another document). A newborn who died before registration is keyed
 * by the parent's ID and the newborn's birth date, so the parent's own key stays free.
 */
public record PersonKey(String value) {

    public PersonKey {
        if (value == null || value.length() < 3 || value.length() > 40) {
            throw new IllegalArgumentException("a person key has 3 to 40 characters: " + value);
        }
    }

    public static PersonKey of(IdentityDocument document, LocalDate birthDate) {
        return switch (document.type()) {
            case RESIDENT_ID, RESIDENCE_PERMIT, HK_MO_TW_RESIDENCE_PERMIT -> new PersonKey("CN" + document.number());
            case FOREIGN_PERMANENT_RESIDENCE_CARD -> new PersonKey("FP" + document.number());
            case PASSPORT -> new PersonKey("PP" + document.number());
            case BIRTH_MEDICAL_CERTIFICATE -> new PersonKey("BC" + document.number());
            case PARENT_ID_FOR_DECEASED_NEWBORN -> {
                if (birthDate == null) {
                    throw new IllegalArgumentException("the newborn's birth date is part of its key");
                }
                yield new PersonKey("XS" + document.number() + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE));
            }
        };
    }

    /**
     * The number identity statements are indexed by (V82, SQL function {@code person_number}, the same rule): the 17
     * digits of a GB 11643 key ('CN' + 17 digits + check character), else a negative 60-bit hash of the key (the first
     * 15 hex digits of its MD5). Distinct 'CN' keys never share a number; the others may, so readers ask for the key too.
     */
    public long number() {
        if (isGb11643()) {
            long number = 0;
            for (int i = 2; i < 19; i++) {
                number = number * 10 + (value.charAt(i) - '0');
            }
            return number;
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
            long first64 = 0;
            for (int i = 0; i < 8; i++) {
                first64 = first64 << 8 | (md5[i] & 0xFF);
            }
            return -1 - (first64 >>> 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** 'CN', 17 ASCII digits and a digit or X: the SQL pattern {@code ^CN[0-9]{17}[0-9X]$}. */
    private boolean isGb11643() {
        if (value.length() != 20 || !value.startsWith("CN")) {
            return false;
        }
        for (int i = 2; i < 19; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        char last = value.charAt(19);
        return last >= '0' && last <= '9' || last == 'X';
    }

    @Override
    public String toString() {
        return value.substring(0, 2) + Masking.maskDocumentNumber(value.substring(2));
    }
}
