package cn.canbao.subsidy.fiscal;

import java.time.LocalDate;
import java.util.List;

import cn.canbao.money.Money;
import cn.canbao.policy.Citation;

/**
 * A county's pre-allocation and settlement for a year as shown and stored: the counts used and the basis the
 * documents name for them, the dates, each level's amounts, and every citation.
 *
 * @param preAllocationCount the prior year's paying participants (or the count given)
 * @param finalCount         the year's paying participants (or the count given)
 */
public record FiscalSettlementReport(String countyCode, int coverageYear, long preAllocationCount, long finalCount,
                                     String countBasis, Money priorYearStandard, Money standard, LocalDate preAllocationDue,
                                     LocalDate settlementDue, FiscalSettlement settlement, List<Citation> citations) {

    public FiscalSettlementReport {
        citations = List.copyOf(citations);
    }
}
