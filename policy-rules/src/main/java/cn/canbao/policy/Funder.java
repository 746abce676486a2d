package cn.canbao.policy;

/** Who pays (part of) a person's contribution (资助/补贴出资方). */
public enum Funder implements ChineseNamed {
    MEDICAL_ASSISTANCE_FUND("医疗救助基金"),
    DISABLED_PERSONS_FEDERATION("残联"),
    RURAL_REVITALIZATION_BUREAU("乡村振兴局"),
    VETERANS_AFFAIRS_BUREAU("退役军人事务局"),
    GOVERNMENT("政府"),
    COUNTY_FINANCE("县财政");

    private final String chineseName;

    Funder(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
