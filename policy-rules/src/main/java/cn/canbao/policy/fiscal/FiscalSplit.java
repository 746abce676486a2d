package cn.canbao.policy.fiscal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.assessment.Explanation;
import cn.canbao.region.RegionCode;

/**
 * The government subsidy for a region and year split among fiscal levels (财政补助分担).
 *
 * @param countBasis        the count the documents say to use (e.g. 2024年缴费人数), or null when not stated
 * @param standardPerPerson the year's per-person standard, or null when the documents do not give it
 * @param total             standard × insured count, or null with the standard
 * @param levels            each level's final amount (empty when the standard is not given)
 * @param preAllocation     the pre-allocation (预拨), when the policy has one
 * @param settlement        the final settlement (清算) date and each level's difference to pay (positive) or return
 * @param notComputable     parts the documents do not give (e.g. the year's standard), never guessed
 */
public record FiscalSplit(RegionCode region, int year, long insuredCount, String countBasis, Citation countBasisCitation,
                          Money standardPerPerson, boolean standardIsMinimum, Citation standardCitation, Money total,
                          List<LevelAmount> levels, PreAllocation preAllocation, Settlement settlement,
                          List<String> notComputable, List<Explanation> explanation) implements FiscalSplitResult {

    public FiscalSplit {
        levels = List.copyOf(levels);
        notComputable = List.copyOf(notComputable);
        explanation = List.copyOf(explanation);
    }

    /** 预拨: {@code percent} of the prior year's standard per person, by {@code due}. */
    public record PreAllocation(BigDecimal percent, Money priorYearStandard, LocalDate due, Money total,
                                List<LevelAmount> levels, Citation citation) {
        public PreAllocation {
            levels = List.copyOf(levels);
        }
    }

    /** 清算 by {@code due}; {@code differences} (final minus pre-allocated, per level) is empty when not computable. */
    public record Settlement(LocalDate due, List<LevelAmount> differences, Citation citation) {
        public Settlement {
            differences = List.copyOf(differences);
        }
    }
}
