package cn.canbao.web.home;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.canbao.collection.reconciliation.ReconciliationRepository.CategoryCount;
import cn.canbao.collection.reconciliation.ReconciliationRepository.ReconciliationRun;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.region.RegionCode;

/**
 * What is waiting for county staff today, each a count that links to its worklist.
 *
 * @param region the user's county: every count is limited to it
 * @param coverageYear the year being collected
 * @param rosterImportsToCheck the year's department-roster imports with rejected rows or a failure
 * @param paymentImportsToCheck payment imports with rejected rows, a refused file or unbalanced control totals
 * @param latestRun the latest finished reconciliation of the year, empty when none has run
 * @param differences items of that run per category within the county, every category listed (zero included)
 * @param refundsOwed pay-then-refund (先缴后补) ledger entries not yet paid
 * @param registeredNotAssessed per flow that needs the agency before paying (newborns through the green channel
 *     (绿色通道), new and lapsed participants), the enrollments registered and not yet assessed
 * @param lapsesOpen people on the lapse follow-up list whose case no visit has closed
 */
public record CountyWork(RegionCode region, int coverageYear, long rosterImportsToCheck, long paymentImportsToCheck,
                  Optional<ReconciliationRun> latestRun, List<CategoryCount> differences, long refundsOwed,
                  Map<EnrollmentFlow, Long> registeredNotAssessed, long lapsesOpen) {

    /** The flows whose people must be registered and assessed by the agency before they can pay (呼医保发〔2024〕13号 五（三）、五（四）). */
    static final List<EnrollmentFlow> AGENCY_FIRST = List.of(EnrollmentFlow.NEWBORN, EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION,
            EnrollmentFlow.NEW_OR_LAPSED);

    public long differenceTotal() {
        return differences.stream().mapToLong(CategoryCount::items).sum();
    }
}
