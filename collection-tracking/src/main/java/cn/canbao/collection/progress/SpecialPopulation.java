package cn.canbao.collection.progress;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import cn.canbao.policy.Identity;

/**
 * The low-income and poverty-alleviated population (农村低收入人口和脱贫人口) whose enrollment rate has its
 * own target (呼医保发〔2024〕13号 六（一）: 不低于99%). Low-income population is read as the groups the
 * medical-assistance fund subsidises for being poor (二（二）一、二) plus 低保边缘; 脱贫人口 is
 * {@link Identity#POVERTY_ALLEVIATED}. Disability, veterans and one-child families are not poverty groups.
 */
public final class SpecialPopulation {

    public static final Set<Identity> IDENTITIES = Set.copyOf(EnumSet.of(
            Identity.TEKUN, Identity.ORPHAN, Identity.UNSUPPORTED_CHILD, Identity.DIBAO, Identity.DIBAO_MARGINAL,
            Identity.LOW_INCOME_RURAL, Identity.RETURN_TO_POVERTY, Identity.MONITORED, Identity.POVERTY_ALLEVIATED));

    private SpecialPopulation() {
    }

    public static boolean includes(Collection<Identity> identities) {
        return identities.stream().anyMatch(IDENTITIES::contains);
    }
}
