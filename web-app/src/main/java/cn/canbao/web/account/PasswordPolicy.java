package cn.canbao.web.account;

import java.util.ArrayList;
import java.util.List;

/**
 * 等保 level 3 password rule: at least 8 characters from at least 3 of the 4 classes (upper case,
 * lower case, digits, symbols), not containing the username. Returns every reason a password fails,
 * so the form can show them all at once.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MIN_CLASSES = 3;

    private PasswordPolicy() {
    }

    /** Message keys of the rules this password breaks; empty when it is acceptable. */
    public static List<String> violations(String password, String username) {
        List<String> reasons = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            reasons.add("password.rule.length");
        }
        if (password != null && characterClasses(password) < MIN_CLASSES) {
            reasons.add("password.rule.classes");
        }
        if (password != null && username != null && !username.isBlank()
                && password.toLowerCase().contains(username.toLowerCase())) {
            reasons.add("password.rule.username");
        }
        return reasons;
    }

    static int characterClasses(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean other = false;
        for (char c : password.toCharArray()) {
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
