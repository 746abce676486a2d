package cn.canbao.subsidy.whatif;

import java.math.BigDecimal;
import java.util.Objects;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.SubsidyMode;

/**
 * How a funder's part of a rule is sized: a fixed amount, or a share of the personal standard (FULL, HALF). Shares
 * follow a changed standard; fixed amounts do not.
 */
public record PartRule(Funder funder, SubsidyMode mode, Share share, Money fixedAmount) {

    public enum Share {
        FULL(BigDecimal.ONE), HALF(new BigDecimal("0.5"));

        private final BigDecimal ratio;

        Share(BigDecimal ratio) {
            this.ratio = ratio;
        }
    }

    public PartRule {
        Objects.requireNonNull(funder, "funder");
        Objects.requireNonNull(mode, "mode");
        if ((share == null) == (fixedAmount == null)) {
            throw new IllegalArgumentException("a part of " + funder + " is either a share or a fixed amount");
        }
    }

    public static PartRule fixed(Funder funder, SubsidyMode mode, Money amount) {
        return new PartRule(funder, mode, null, amount);
    }

    public static PartRule share(Funder funder, SubsidyMode mode, Share share) {
        return new PartRule(funder, mode, share, null);
    }

    /** Per person, never more than what is left of the standard after the parts before it. */
    Money perPerson(Money standard, Money leftOfStandard) {
        Money wanted = share != null ? standard.times(share.ratio) : fixedAmount;
        return wanted.min(leftOfStandard).max(Money.ZERO);
    }

    PartRule withAmount(Money amount) {
        return fixed(funder, mode, amount);
    }
}
