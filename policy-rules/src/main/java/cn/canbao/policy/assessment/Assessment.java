package cn.canbao.policy.assessment;

import java.time.LocalDate;
import java.util.List;

import cn.canbao.money.Money;

/**
 * The result of assessing one enrollment (核定). When not accepted, {@code rejectionReason} and
 * {@code rejection} say why, amounts are zero and coverage dates are null (the standard is kept when known).
 *
 * @param standardAmount the contribution standard that applies to the person
 * @param personalDue    what the person pays now (standard minus DIRECT subsidies)
 * @param subsidies      every funder's part with its mode
 * @param refunds        PAY_THEN_REFUND parts the funders pay back to the person later
 * @param coverageStart  first covered day; null when the policy does not state it for this case (see explanation)
 * @param appliedRule    the enrollment route and the subsidy scheme used, e.g. {@code COLLECTION_WINDOW + low-income}
 * @param schemeId       the subsidy scheme used, or null
 * @param registeredName the name to register a newborn who died before household registration, when known
 * @param explanation    every step with the citation it rests on
 */
public record Assessment(boolean accepted, RejectionReason rejectionReason, Explanation rejection,
                         Money standardAmount, Money personalDue, List<FunderShare> subsidies, List<DueRefund> refunds,
                         LocalDate coverageStart, LocalDate coverageEnd, WaitingPeriod waitingPeriod,
                         EnrollmentRoute route, String appliedRule, String schemeId, String registeredName,
                         List<Explanation> explanation) {

    public Assessment {
        subsidies = List.copyOf(subsidies);
        refunds = List.copyOf(refunds);
        explanation = List.copyOf(explanation);
    }

    static Assessment rejected(RejectionReason reason, Explanation message, Money standard, List<Explanation> explanation) {
        return new Assessment(false, reason, message, standard, Money.ZERO, List.of(), List.of(), null, null, null,
                null, null, null, null, explanation);
    }

    /** Why the assessment was rejected, in English (null when accepted). */
    public String rejectionMessage() {
        return rejection == null ? null : rejection.text();
    }

    /** Total of all funders' parts. */
    public Money subsidyTotal() {
        Money total = Money.ZERO;
        for (FunderShare share : subsidies) {
            total = total.plus(share.amount());
        }
        return total;
    }
}
