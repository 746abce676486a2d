package cn.canbao.enrollment.person;

/** Masks personal numbers for lists and exports; full numbers are shown only on purpose. */
public final class Masking {

    private Masking() {
    }

    /**
     * 18-character numbers keep the 6-digit region and the last 4 ({@code 150702********1234});
     * shorter document numbers keep the first 2 and last 2 characters.
     */
    public static String maskDocumentNumber(String number) {
        if (number == null || number.isEmpty()) {
            return number;
        }
        if (number.length() >= 18) {
            return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
        }
        if (number.length() <= 4) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 2) + "*".repeat(number.length() - 4) + number.substring(number.length() - 2);
    }

    /** 11-digit mobile numbers keep the first 3 and last 4 ({@code 138****5678}); others keep the last 4. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() == 11) {
            return phone.substring(0, 3) + "****" + phone.substring(7);
        }
        if (phone.length() <= 4) {
            return "*".repeat(phone.length());
        }
        return "*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4);
    }
}
