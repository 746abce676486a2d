package cn.canbao.enrollment.person;

import java.util.Locale;
import java.util.Optional;

/** The kinds of document a person can enrol with (证件类型). */
public enum DocumentType {
    /** 居民身份证, GB 11643 number. */
    RESIDENT_ID("居民身份证"),
    /** 居住证: carries the holder's resident ID number, so it identifies the same person. */
    RESIDENCE_PERMIT("居住证"),
    /** 港澳台居民居住证: GB 11643 layout with the 810000/820000/830000 prefix. */
    HK_MO_TW_RESIDENCE_PERMIT("港澳台居民居住证"),
    /** 外国人永久居留身份证: 15-character (2017) or 18-digit (2023) layout. */
    FOREIGN_PERMANENT_RESIDENCE_CARD("外国人永久居留身份证"),
    PASSPORT("护照"),
    /** 出生医学证明, for a newborn without household registration yet. */
    BIRTH_MEDICAL_CERTIFICATE("出生医学证明"),
    /**
     * 其他证件类型: a parent's resident ID for a newborn who died before household registration;
     * the name is "父亲或母亲姓名+XSE" (呼医保发〔2024〕13号 五（四）).
     */
    PARENT_ID_FOR_DECEASED_NEWBORN("其他证件（父母身份证，登记前死亡新生儿）");

    private final String chineseName;

    DocumentType(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Accepts the code or the Chinese name, as roster files write them; empty means 居民身份证. */
    public static Optional<DocumentType> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(RESIDENT_ID);
        }
        String t = text.trim();
        for (DocumentType type : values()) {
            if (type.name().equals(t.toUpperCase(Locale.ROOT)) || type.chineseName.equals(t)) {
                return Optional.of(type);
            }
        }
        if (t.equals("身份证")) {
            return Optional.of(RESIDENT_ID);
        }
        return Optional.empty();
    }
}
