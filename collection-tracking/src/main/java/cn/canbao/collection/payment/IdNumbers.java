package cn.canbao.collection.payment;

import java.util.Optional;

/**
 * Checks the 18-character citizen identity number (GB 11643) as the tax bureau prints it. Residence
 * permits of Hong Kong, Macao and Taiwan residents and the foreigners' permanent residence card use
 * the same format and checksum, so one check serves all participant categories.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumbers() {
    }

    /** Upper-cases a trailing x and trims; the form stored and compared everywhere. */
    public static String normalize(String idNumber) {
        return idNumber == null ? null : idNumber.trim().toUpperCase();
    }

    /** Why the number is not a valid identity number, or empty when it is. */
    public static Optional<String> problem(String idNumber) {
        String id = normalize(idNumber);
        if (id == null || id.isEmpty()) {
            return Optional.of("证件号码为空");
        }
        if (id.length() != 18) {
            return Optional.of("证件号码应为18位，实际" + id.length() + "位");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.of("证件号码第" + (i + 1) + "位应为数字");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char expected = CHECK_CHARS[sum % 11];
        if (id.charAt(17) != expected) {
            return Optional.of("证件号码校验位应为" + expected);
        }
        return Optional.empty();
    }

    /** Completes 17 digits with their check character; used by fixtures and data generators. */
    public static String withCheckCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17Digits + CHECK_CHARS[sum % 11];
    }
}
