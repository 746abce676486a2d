package cn.canbao.policy;

/** A person's place in the household, as subsidy conditions name it (独女户: daughters and parents). */
public enum FamilyRole implements ChineseNamed {
    PARENT("父母"),
    DAUGHTER("女儿"),
    SON("儿子"),
    OTHER("其他");

    private final String chineseName;

    FamilyRole(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
