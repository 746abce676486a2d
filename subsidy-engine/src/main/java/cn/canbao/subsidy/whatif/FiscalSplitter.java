package cn.canbao.subsidy.whatif;

import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;

/** Splits a per-person government subsidy among fiscal levels for a count (the policy's fiscal split calculator). */
@FunctionalInterface
public interface FiscalSplitter {

    Outcome split(Money standardPerPerson, long insuredCount);

    /** Each level's amount, or the values the documents do not give ({@code missing} non-empty, {@code levels} empty). */
    record Outcome(Map<FiscalLevel, Money> levels, List<String> missing) {
        public Outcome {
            levels = Map.copyOf(levels);
            missing = List.copyOf(missing);
        }
    }
}
