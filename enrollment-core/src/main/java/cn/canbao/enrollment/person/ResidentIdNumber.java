package cn.canbao.enrollment.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.util.Set;

/**
 * An 18-character citizen identity number (GB 11643-1999): 6-digit region of first registration,
 * 8-digit birth date, 3-digit sequence (odd for men, even for women), ISO 7064 MOD 11-2 check
 * character (0-9 or X). The same layout is used by the HK/Macau/Taiwan residence permit with the
 * 810000/820000/830000 prefixes.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    /** Province-level codes of GB/T 2260 that appear on mainland resident ID numbers. */
    private static final Set<String> MAINLAND_PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");
    private static final boolean[] MAINLAND_PROVINCE = new boolean[100];

    static {
        MAINLAND_PROVINCES.forEach(code -> MAINLAND_PROVINCE[Integer.parseInt(code)] = true);
    }

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String value;

    private ResidentIdNumber(String normalized) {
        this.value = normalized;
    }

    /** A valid mainland resident ID number, or IllegalArgumentException naming the failed rule. */
    public static ResidentIdNumber of(String raw) {
        return check(raw, LocalDate.now(CHINA)).orElseThrow();
    }

    /** Validates a mainland resident ID number; the reason says which rule failed. */
    public static Check<ResidentIdNumber> check(String raw, LocalDate today) {
        return check(raw, today, false);
    }

    /** Validates a 港澳台居民居住证 number (same layout, 81/82/83 prefix). */
    public static Check<ResidentIdNumber> checkHongKongMacaoTaiwan(String raw, LocalDate today) {
        return check(raw, today, true);
    }

    private static Check<ResidentIdNumber> check(String raw, LocalDate today, boolean hongKongMacaoTaiwan) {
        if (raw == null || raw.isBlank()) {
            return Check.rejected("证件号码为空");
        }
        String v = raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (v.length() == 15 && allAsciiDigits(v, 15)) {
            return Check.rejected("15位旧身份证号码不再受理，请使用18位号码");
        }
        if (v.length() != 18) {
            return Check.rejected("身份证号码应为18位，实际" + v.length() + "位");
        }
        if (!allAsciiDigits(v, 17)) {
            return Check.rejected("身份证号码前17位应为数字");
        }
        char last = v.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
            return Check.rejected("身份证号码第18位应为数字或X");
        }
        // Read from the digits in place: this runs for every line of a million-line roster.
        boolean hongKongMacaoTaiwanPrefix = v.startsWith("0000", 2) && (v.startsWith("81") || v.startsWith("82") || v.startsWith("83"));
        if (hongKongMacaoTaiwan) {
            if (!hongKongMacaoTaiwanPrefix) {
                return Check.rejected("港澳台居民居住证号码应以810000、820000或830000开头");
            }
        } else if (hongKongMacaoTaiwanPrefix) {
            return Check.rejected("以" + v.substring(0, 6) + "开头的是港澳台居民居住证号码，请选择该证件类型");
        } else if (!MAINLAND_PROVINCE[digits(v, 0, 2)]) {
            return Check.rejected("身份证号码前两位" + v.substring(0, 2) + "不是有效的省级行政区划代码");
        }
        LocalDate birth;
        try {
            birth = birthDateOf(v);
        } catch (DateTimeException e) {
            return Check.rejected("身份证号码中的出生日期" + v.substring(6, 14) + "不是有效日期");
        }
        if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            return Check.rejected("身份证号码中的出生日期" + v.substring(6, 14) + "不在合理范围内");
        }
        char expected = checkCharacter(v);
        if (last != expected) {
            return Check.rejected("身份证号码校验位错误（应为" + expected + "）");
        }
        return Check.valid(new ResidentIdNumber(v));
    }

    /**
     * Whether the 18 bytes at {@code from} (ASCII, as read from a UTF-8 file) are a valid mainland number exactly as
     * {@link #check(String, LocalDate)} would find them, already trimmed and upper-case; the roster import's shortcut
     * for plain lines asks this instead of making a string (a false sends the line the ordinary way, for its reason).
     */
    public static boolean isValidMainland(byte[] bytes, int from, LocalDate today) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int digit = bytes[from + i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            sum += digit * WEIGHTS[i];
        }
        if (CHECK_CHARACTERS.charAt(sum % 11) != bytes[from + 17]) {
            return false;
        }
        int year = digits(bytes, from + 6, 4);
        int month = digits(bytes, from + 10, 2);
        int day = digits(bytes, from + 12, 2);
        if (!MAINLAND_PROVINCE[digits(bytes, from, 2)] || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year))) {
            return false;
        }
        int birth = year * 10_000 + month * 100 + day;
        return birth >= 1900_01_01 && birth <= today.getYear() * 10_000 + today.getMonthValue() * 100 + today.getDayOfMonth();
    }

    private static int digits(byte[] bytes, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    /** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
    public static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    /** The 17th digit: odd for men, even for women. */
    public Sex sex() {
        return sexOf(value);
    }

    /** The birth date of a number that passed {@link #check} (read from its digits without checking it again). */
    public static LocalDate birthDateOf(String validNumber) {
        return LocalDate.of(digits(validNumber, 6, 10), digits(validNumber, 10, 12), digits(validNumber, 12, 14));
    }

    /** The sex of a number that passed {@link #check}: its 17th digit, odd for men, even for women. */
    public static Sex sexOf(String validNumber) {
        return (validNumber.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /**
     * ASCII digits only: Character.isDigit also accepts full-width digits (a Chinese input method in full-width mode),
     * which the digit arithmetic below would misread.
     */
    private static boolean allAsciiDigits(String text, int count) {
        for (int i = 0; i < count; i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** The 6-digit region of first household registration, as printed (may be an abolished code). */
    public String regionPrefix() {
        return value.substring(0, 6);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResidentIdNumber id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return Masking.maskDocumentNumber(value);
    }
}
