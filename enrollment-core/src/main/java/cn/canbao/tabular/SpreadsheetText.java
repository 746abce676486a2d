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
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
