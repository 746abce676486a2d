package cn.canbao.enrollment.roster;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import cn.canbao.policy.Identity;

/**
 * The department rosters (名单) the agency receives. Identity rosters establish special identities;
 * the education roster registers students for bulk enrollment by school (呼医保发〔2024〕13号 五（五）);
 * the hospital roster registers newborns (呼医保发〔2024〕13号 六（三）“出生一件事”).
 */
public enum RosterType {
    CIVIL_AFFAIRS("民政局：特困、低保、孤儿、事实无人抚养儿童、低保边缘", EnumSet.of(Identity.TEKUN, Identity.ORPHAN,
            Identity.UNSUPPORTED_CHILD, Identity.DIBAO, Identity.DIBAO_MARGINAL)),
    RURAL_REVITALIZATION("农牧局/乡村振兴局：低收入、监测、返贫致贫、脱贫", EnumSet.of(Identity.LOW_INCOME_RURAL,
            Identity.RETURN_TO_POVERTY, Identity.MONITORED, Identity.POVERTY_ALLEVIATED)),
    DISABLED_PERSONS_FEDERATION("残联：重度残疾人", EnumSet.of(Identity.SEVERE_DISABILITY)),
    VETERANS_AFFAIRS("退役军人事务局：优抚对象", EnumSet.of(Identity.ENTITLED_VETERAN)),
    HEALTH_COMMISSION("卫健委：农村独（双）女户、独男户", EnumSet.of(Identity.ONLY_DAUGHTER_FAMILY, Identity.ONLY_SON_FAMILY)),
    EDUCATION("教育局：在校学生（学校代收）", EnumSet.noneOf(Identity.class)),
    HOSPITAL_NEWBORN("医疗机构：新生儿", EnumSet.noneOf(Identity.class));

    private final String chineseName;
    private final Set<Identity> identities;

    RosterType(String chineseName, Set<Identity> identities) {
        this.chineseName = chineseName;
        this.identities = identities;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The identities this department may establish; empty for non-identity rosters. */
    public Set<Identity> identities() {
        return identities;
    }

    public boolean establishesIdentities() {
        return !identities.isEmpty();
    }

    /** Identity column is needed only when the department establishes more than one identity. */
    public boolean identityColumnRequired() {
        return identities.size() > 1;
    }

    public List<String> exampleRow(String idNumber, String regionCode) {
        return switch (this) {
            case EDUCATION -> List.of("张小明", "居民身份证", idNumber, "", "", regionCode, "13800000000", "怀远县第一中学", "在校学生");
            case HOSPITAL_NEWBORN -> List.of("李宝宝", "出生医学证明", "O340012345", "女", "2024-09-01", regionCode, "13800000000");
            default -> List.of("王大明", "居民身份证", idNumber, "", "", regionCode, "13800000000",
                    identities.iterator().next().chineseName(), "2024-09-01", "");
        };
    }
}
