package cn.canbao.policy;

/** Participant categories (参保类别). */
public enum ParticipantCategory implements ChineseNamed {
    RESIDENT("城乡居民"),
    STUDENT("在校学生"),
    COLLEGE_STUDENT("大学生"),
    PRESCHOOL_CHILD("学龄前儿童"),
    NEWBORN("新生儿"),
    MIGRANT_WORKER("外出务工人员"),
    NON_LOCAL_RESIDENT("外地户籍常住人员"),
    HK_MO_TW_RESIDENT("港澳台居民"),
    FOREIGN_EXPERT_FAMILY("外籍专家随同配偶及未成年子女");

    private final String chineseName;

    ParticipantCategory(String chineseName) {
        this.chineseName = chineseName;
    }

    @Override
    public String chineseName() {
        return chineseName;
    }
}
