package cn.canbao.subsidy.batch;

import cn.canbao.policy.FamilyRole;

/**
 * Reads the household relation recorded on a resident (与户主关系, as household registers write it) as the family
 * role subsidy conditions name (独女户: daughters and parents). The head of household and the spouse are the
 * parents; anything else (grandchildren, the head's own parents, in-laws) is OTHER.
 */
final class FamilyRoles {

    private FamilyRoles() {
    }

    static FamilyRole of(String relationToHead) {
        if (relationToHead == null) {
            return FamilyRole.OTHER;
        }
        return switch (relationToHead.strip()) {
            case "女", "女儿", "长女", "次女", "三女", "独女", "养女", "继女" -> FamilyRole.DAUGHTER;
            case "子", "儿子", "长子", "次子", "三子", "独子", "养子", "继子" -> FamilyRole.SON;
            case "户主", "本人", "配偶", "妻", "妻子", "夫", "丈夫" -> FamilyRole.PARENT;
            default -> FamilyRole.OTHER;
        };
    }
}
