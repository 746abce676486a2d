package cn.canbao.policy;

/** How a funder's part reaches the fund. */
public enum SubsidyMode implements ChineseNamed {
    /** 资助代缴: the funder pays its part, the person pays only the rest. */
    DIRECT("资助代缴"),
    /** 先缴后补: the person pays the full standard and the funder refunds its part later. */
    PAY_THEN_REFUND("先缴后补");

    private final String chineseName;

    SubsidyMode(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
