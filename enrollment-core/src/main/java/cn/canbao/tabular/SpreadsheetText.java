package cn.canbao.tabular;

/** Text written into spreadsheets and CSV reports. */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /**
     * Neutralises formula injection: a value a spreadsheet would run as a formula (starting with
     * =, +, -, @, tab or carriage return) is prefixed with an apostrophe so it shows as text.
     */
    public static String neutralise(String value) {
        return looksLikeFormula(value) ? "'" + value : value;
    }

    /** Whether a spreadsheet would run this value as a formula; imports reject such names and references. */
    public static boolean looksLikeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
