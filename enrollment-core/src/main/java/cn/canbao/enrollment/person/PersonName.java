package cn.canbao.enrollment.person;

import cn.canbao.tabular.SpreadsheetText;

/** Rules for a person's name as entered or imported. */
public final class PersonName {

    /** Suffix of the name of a newborn who died before household registration (呼医保发〔2024〕13号 五（四）). */
    public static final String DECEASED_NEWBORN_SUFFIX = "XSE";
    public static final int MAX_LENGTH = 50;

    private PersonName() {
    }

    public static Check<String> check(String raw, DocumentType documentType) {
        if (raw == null || raw.isBlank()) {
            return Check.rejected("姓名为空");
        }
        String name = raw.strip();
        if (name.length() > MAX_LENGTH) {
            return Check.rejected("姓名超过" + MAX_LENGTH + "个字符");
        }
        if (SpreadsheetText.looksLikeFormula(name)) {
            return Check.rejected("姓名不能以=、+、-、@开头");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isDigit(c) || Character.isISOControl(c) || "<>\"'\\;%".indexOf(c) >= 0) {
                return Check.rejected("姓名含有不允许的字符“" + c + "”");
            }
        }
        boolean deceasedNewborn = documentType == DocumentType.PARENT_ID_FOR_DECEASED_NEWBORN;
        if (deceasedNewborn && (!name.endsWith(DECEASED_NEWBORN_SUFFIX) || name.length() == DECEASED_NEWBORN_SUFFIX.length())) {
            return Check.rejected("登记前死亡的新生儿姓名应为“父亲或母亲姓名+XSE”");
        }
        return Check.valid(name);
    }
}
