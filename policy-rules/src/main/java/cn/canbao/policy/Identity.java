package cn.canbao.policy;

/** Special-group identities (参保资助身份), the codes of the glossary. A person may hold several. */
public enum Identity implements ChineseNamed {
    TEKUN("特困人员"),
    ORPHAN("孤儿"),
    UNSUPPORTED_CHILD("事实无人抚养儿童"),
    DIBAO("低保对象"),
    DIBAO_MARGINAL("低保边缘家庭成员"),
    LOW_INCOME_RURAL("农村牧区低收入人口"),
    RETURN_TO_POVERTY("返贫致贫人口"),
    MONITORED("防止返贫监测对象"),
    POVERTY_ALLEVIATED("脱贫享受政策人员"),
    SEVERE_DISABILITY("重度残疾人"),
    LAID_OFF_WORKER("企业下岗职工"),
    ENTITLED_VETERAN("优抚对象"),
    ONLY_DAUGHTER_FAMILY("农村独（双）女户"),
    ONLY_SON_FAMILY("农村独男户");

    private final String chineseName;

    Identity(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
