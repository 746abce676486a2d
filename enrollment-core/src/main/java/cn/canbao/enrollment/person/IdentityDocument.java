package cn.canbao.enrollment.person;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A typed identity document number, validated as far as its format allows. Resident ID numbers,
 * residence permits and HK/Macau/Taiwan residence permits carry birth date and sex; the others do not.
 */
public record IdentityDocument(DocumentType type, String number) {

    private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,17}");
    /** 出生医学证明编号: one letter and nine digits. */
    private static final Pattern BIRTH_CERTIFICATE = Pattern.compile("[A-Z][0-9]{9}");
    /** 2017 layout: ISO 3166 alpha-3 nationality, then twelve digits. */
    private static final Pattern FOREIGN_CARD_2017 = Pattern.compile("[A-Z]{3}[0-9]{12}");
    /** 2023 layout: 18 characters starting with 9, GB 11643 check character. */
    private static final Pattern FOREIGN_CARD_2023 = Pattern.compile("9[0-9]{16}[0-9X]");

    public IdentityDocument {
        if (type == null || number == null) {
            throw new IllegalArgumentException("document type and number are required");
        }
    }

    /** Validated document, or IllegalArgumentException with the reason. */
    public static IdentityDocument of(DocumentType type, String number) {
        return check(type, number, LocalDate.now(ResidentIdNumber.CHINA)).orElseThrow();
    }

    public static Check<IdentityDocument> check(DocumentType type, String raw, LocalDate today) {
        if (type == null) {
            return Check.rejected("证件类型为空");
        }
        if (raw == null || raw.isBlank()) {
            return Check.rejected("证件号码为空");
        }
        String number = raw.trim().replace(" ", "").toUpperCase(Locale.ROOT);
        return switch (type) {
            case RESIDENT_ID, RESIDENCE_PERMIT, PARENT_ID_FOR_DECEASED_NEWBORN -> {
                Check<ResidentIdNumber> id = ResidentIdNumber.check(number, today);
                yield id.valid() ? Check.valid(new IdentityDocument(type, id.value().value())) : Check.rejected(id.reason());
            }
            case HK_MO_TW_RESIDENCE_PERMIT -> {
                Check<ResidentIdNumber> id = ResidentIdNumber.checkHongKongMacaoTaiwan(number, today);
                yield id.valid() ? Check.valid(new IdentityDocument(type, id.value().value())) : Check.rejected(id.reason());
            }
            case FOREIGN_PERMANENT_RESIDENCE_CARD -> {
                if (FOREIGN_CARD_2017.matcher(number).matches()) {
                    yield Check.valid(new IdentityDocument(type, number));
                }
                if (FOREIGN_CARD_2023.matcher(number).matches()) {
                    yield ResidentIdNumber.checkCharacter(number) == number.charAt(17)
                            ? Check.valid(new IdentityDocument(type, number))
                            : Check.rejected("外国人永久居留身份证号码校验位错误");
                }
                yield Check.rejected("外国人永久居留身份证号码应为3位字母加12位数字，或以9开头的18位号码");
            }
            case PASSPORT -> PASSPORT.matcher(number).matches()
                    ? Check.valid(new IdentityDocument(type, number))
                    : Check.rejected("护照号码应为5至17位字母或数字");
            case BIRTH_MEDICAL_CERTIFICATE -> BIRTH_CERTIFICATE.matcher(number).matches()
                    ? Check.valid(new IdentityDocument(type, number))
                    : Check.rejected("出生医学证明编号应为1位字母加9位数字");
        };
    }

    /** True when the number is the person's own GB 11643 number, from which birth date and sex follow. */
    public boolean carriesOwnBirthDateAndSex() {
        return numberCarriesBirthDateAndSex(type);
    }

    /** True for the document types whose number is a GB 11643 number (birth date and sex follow from it). */
    public static boolean numberCarriesBirthDateAndSex(DocumentType type) {
        return type == DocumentType.RESIDENT_ID || type == DocumentType.RESIDENCE_PERMIT
                || type == DocumentType.HK_MO_TW_RESIDENCE_PERMIT;
    }

    public Optional<LocalDate> birthDate() {
        return carriesOwnBirthDateAndSex() ? Optional.of(idNumber().birthDate()) : Optional.empty();
    }

    public Optional<Sex> sex() {
        return carriesOwnBirthDateAndSex() ? Optional.of(idNumber().sex()) : Optional.empty();
    }

    private ResidentIdNumber idNumber() {
        Check<ResidentIdNumber> id = type == DocumentType.HK_MO_TW_RESIDENCE_PERMIT
                ? ResidentIdNumber.checkHongKongMacaoTaiwan(number, LocalDate.MAX)
                : ResidentIdNumber.check(number, LocalDate.MAX);
        return id.orElseThrow();
    }

    public String maskedNumber() {
        return Masking.maskDocumentNumber(number);
    }

    @Override
    public String toString() {
        return type + ":" + maskedNumber();
    }
}
