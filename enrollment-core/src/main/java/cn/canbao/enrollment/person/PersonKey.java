package cn.canbao.enrollment.person;

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

    @Override
    public String toString() {
        return value.substring(0, 2) + Masking.maskDocumentNumber(value.substring(2));
    }
}
