package cn.canbao.enrollment.person;

/** Sex as recorded on the ID document; stored as M/F. */
public enum Sex {
    MALE("M", "男"),
    FEMALE("F", "女");

    private final String code;
    private final String chineseName;

    Sex(String code, String chineseName) {
        this.code = code;
        this.chineseName = chineseName;
    }

    public String code() {
        return code;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Sex fromCode(String code) {
        for (Sex sex : values()) {
            if (sex.code.equals(code)) {
                return sex;
            }
        }
        throw new IllegalArgumentException("unknown sex code: " + code);
    }

    /** Accepts M/F, MALE/FEMALE and 男/女, as rosters write them. */
    public static java.util.Optional<Sex> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        for (Sex sex : values()) {
            if (t.equals(sex.code) || t.equals(sex.name()) || t.equals(sex.chineseName)) {
                return java.util.Optional.of(sex);
            }
        }
        return java.util.Optional.empty();
    }
}
