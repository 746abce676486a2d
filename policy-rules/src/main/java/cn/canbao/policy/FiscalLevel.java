package cn.canbao.policy;

/** Budget levels that share the government subsidy (财政补助分担). */
public enum FiscalLevel implements ChineseNamed {
    CENTRAL("中央"),
    PROVINCIAL("省/自治区"),
    CITY("市/盟"),
    COUNTY("旗县市区");

    private final String chineseName;

    FiscalLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
