package cn.canbao.web.home;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import cn.canbao.audit.Actor;
import cn.canbao.collection.lapse.LapseService;
import cn.canbao.collection.payment.PaymentRepository;
import cn.canbao.collection.reconciliation.DifferenceCategory;
import cn.canbao.collection.reconciliation.ReconciliationRepository;
import cn.canbao.collection.reconciliation.ReconciliationRepository.CategoryCount;
import cn.canbao.collection.reconciliation.ReconciliationRepository.ReconciliationRun;
import cn.canbao.enrollment.enrollment.EnrollmentFlow;
import cn.canbao.enrollment.enrollment.EnrollmentListService;
import cn.canbao.enrollment.enrollment.EnrollmentQuery;
import cn.canbao.enrollment.enrollment.EnrollmentStatus;
import cn.canbao.enrollment.roster.RosterImportService;
import cn.canbao.money.Money;
import cn.canbao.region.RegionLevel;
import cn.canbao.subsidy.refund.RefundService;
import cn.canbao.web.collection.CollectionYear;

/** Gathers the county home's counts from the modules that own the data; read-only, limited to the user's region. */
@Service
class CountyWorkService {

    private final RosterImportService rosterImports;
    private final PaymentRepository payments;
    private final ReconciliationRepository reconciliation;
    private final RefundService refunds;
    private final EnrollmentListService enrollments;
    private final LapseService lapses;
    private final CollectionYear year;

    CountyWorkService(RosterImportService rosterImports, PaymentRepository payments, ReconciliationRepository reconciliation,
                      RefundService refunds, EnrollmentListService enrollments, LapseService lapses, CollectionYear year) {
        this.rosterImports = rosterImports;
        this.payments = payments;
        this.reconciliation = reconciliation;
        this.refunds = refunds;
        this.enrollments = enrollments;
        this.lapses = lapses;
        this.year = year;
    }

    CountyWork of(Actor actor) {
        int coverageYear = year.current();
        var region = actor.region();
        Optional<ReconciliationRun> run = reconciliation.latestRun(coverageYear);
        Map<DifferenceCategory, CategoryCount> found = run.map(r -> reconciliation.counts(r.id(), region)).orElse(List.of()).stream()
                .collect(Collectors.toMap(CategoryCount::category, Function.identity()));
        List<CategoryCount> differences = Arrays.stream(DifferenceCategory.values())
                .map(c -> found.getOrDefault(c, new CategoryCount(c, 0, Money.ZERO))).toList();
        // The refund ledger is kept per county and township (乡镇（街道）统计退补); above a county there is none to count.
        long owed = region.level() == RegionLevel.COUNTY || region.level() == RegionLevel.TOWNSHIP
                ? refunds.countOwed(region, coverageYear) : 0;
        Map<EnrollmentFlow, Long> pending = new LinkedHashMap<>();
        for (EnrollmentFlow flow : CountyWork.AGENCY_FIRST) {
            pending.put(flow, registeredNotAssessed(actor, coverageYear, flow));
        }
        return new CountyWork(region, coverageYear, rosterImports.countToCheck(actor, coverageYear), payments.countBatchesToCheck(region),
                run, differences, owed, pending, lapses.countOpen(region, coverageYear));
    }

    private long registeredNotAssessed(Actor actor, int coverageYear, EnrollmentFlow flow) {
        return enrollments.count(actor, new EnrollmentQuery(coverageYear, null, EnrollmentStatus.REGISTERED, flow, null, null));
    }
}
