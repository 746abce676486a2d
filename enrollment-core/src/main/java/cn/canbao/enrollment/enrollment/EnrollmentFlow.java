package cn.canbao.enrollment.enrollment;

/** How the person came to be enrolled; each flow has its own rules (EnrollmentRules). */
public enum EnrollmentFlow {
    /** 续保: enrolled and paid last year; may pay online without visiting the agency. */
    RENEWAL("续保"),
    /** 新参保或断保: must be registered and assessed by the agency before paying (呼医保发〔2024〕13号 五（三）). */
    NEW_OR_LAPSED("新参保/断保"),
    /** 新生儿: within 90 days of birth covered from birth (呼医保发〔2024〕13号 五（四）一). */
    NEWBORN("新生儿"),
    /** 登记前死亡的新生儿: parent's ID and name+XSE, within 90 days (呼医保发〔2024〕13号 五（四）二). */
    NEWBORN_DIED_BEFORE_REGISTRATION("登记前死亡新生儿"),
    /** 在校学生: the school collects (呼医保发〔2024〕13号 五（五）). */
    STUDENT_BY_SCHOOL("学校代收"),
    /** 外出务工人员: longer window in Huaiyuan (怀远县2025年度居民医保参保缴费工作方案 三). */
    MIGRANT_WORKER("外出务工"),
    /** 外地户籍人员 with ID, residence permit or other document (呼医保发〔2024〕13号 五（六）). */
    NON_LOCAL_RESIDENT("外地户籍");

    private final String chineseName;

    EnrollmentFlow(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
