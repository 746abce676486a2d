package cn.canbao.collection.reconciliation;

import java.util.List;
import java.util.Optional;

import cn.canbao.money.Money;
import cn.canbao.region.RegionCode;

/**
 * One worklist item: a person whose money and enrollment disagree in one way.
 *
 * @param category the worklist
 * @param idNumber the person
 * @param name the name from the enrollment, else from the first payment
 * @param coverageYear the coverage year
 * @param enrollmentRegion where the person is enrolled, when enrolled
 * @param paymentRegion the collecting region of the first payment involved
 * @param assessedAmount the assessed amount, when assessed
 * @param netPaid what the person has paid, net of reversals and refunds
 * @param amount the amount this item is about: paid-not-registered money, the difference to the
 *     assessment (negative when underpaid), the duplicate money, or the refund owed
 * @param transactionIds the records involved
 * @param reason a sentence for the worklist
 */
public record Difference(
        DifferenceCategory category,
        String idNumber,
        String name,
        int coverageYear,
        Optional<RegionCode> enrollmentRegion,
        Optional<RegionCode> paymentRegion,
        Optional<Money> assessedAmount,
        Money netPaid,
        Money amount,
        List<String> transactionIds,
        String reason) {

    public Difference {
        transactionIds = List.copyOf(transactionIds);
    }

    /** The region the item is filed under: the enrollment's, else where the money was collected. */
    public RegionCode worklistRegion() {
        return enrollmentRegion.or(() -> paymentRegion).orElseThrow();
    }
}
