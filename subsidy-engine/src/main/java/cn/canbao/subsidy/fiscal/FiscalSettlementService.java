package cn.canbao.subsidy.fiscal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.money.Money;
import cn.canbao.policy.Citation;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.fiscal.FiscalSplit;
import cn.canbao.policy.fiscal.FiscalSplitCalculator;
import cn.canbao.policy.fiscal.FiscalSplitNotComputable;
import cn.canbao.policy.fiscal.FiscalSplitResult;
import cn.canbao.policy.fiscal.LevelAmount;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;
import cn.canbao.subsidy.batch.PolicySource;

/**
 * Fiscal pre-allocation and final settlement per level for a county and year: the policy's fiscal split calculator
 * sizes both, {@link FiscalSettlementCalculator} settles them, and the result is stored per level.
 */
@Service
public class FiscalSettlementService {

    private final JdbcClient jdbc;
    private final PolicySource policies;
    private final AuditLog audit;

    public FiscalSettlementService(JdbcClient jdbc, PolicySource policies, AuditLog audit) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.audit = audit;
    }

    /** Paying participants (缴费人数: enrollments paid or covered) of a county and year. */
    public long payingParticipants(RegionCode county, int coverageYear) {
        return jdbc.sql("SELECT count(*) FROM enrollment WHERE coverage_year = :year AND county_code = :county AND status IN ('PAID', 'COVERED')")
                .param("year", coverageYear).param("county", county.value()).query(Long.class).single();
    }

    /**
     * Computes (without storing) the settlement. Counts default to the prior year's and the year's paying participants.
     *
     * @throws FiscalSplitUnavailable when the documents give no pre-allocation or split for the county, naming what is missing
     */
    public FiscalSettlementReport compute(RegionCode county, int coverageYear, Long preAllocationCount, Long finalCount) {
        if (county.level() != RegionLevel.COUNTY) {
            throw new IllegalArgumentException("fiscal settlement is per county; " + county + " is a " + county.level());
        }
        long preCount = preAllocationCount != null ? preAllocationCount : payingParticipants(county, coverageYear - 1);
        long finCount = finalCount != null ? finalCount : payingParticipants(county, coverageYear);
        if (preCount < 0 || finCount < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        FiscalSplit pre = computed(FiscalSplitCalculator.split(policies.catalog(), county, coverageYear, preCount));
        if (pre.preAllocation() == null) {
            throw new FiscalSplitUnavailable(List.of("the policy of " + county + " for " + coverageYear
                    + " has no pre-allocation (预拨) rule: the documents for this region do not order one"));
        }
        FiscalSplit fin = computed(FiscalSplitCalculator.split(policies.catalog(), county, coverageYear, finCount));
        Map<FiscalLevel, Money> preAmounts = amounts(pre.preAllocation().levels());
        Map<FiscalLevel, Money> finalAmounts = amounts(fin.levels());
        FiscalSettlement settlement = FiscalSettlementCalculator.settle(preAmounts, finalAmounts, fin.notComputable());
        LinkedHashSet<Citation> citations = new LinkedHashSet<>();
        citations.add(pre.preAllocation().citation());
        pre.preAllocation().levels().forEach(l -> citations.add(l.citation()));
        if (fin.settlement() != null) {
            citations.add(fin.settlement().citation());
        }
        if (pre.countBasisCitation() != null) {
            citations.add(pre.countBasisCitation());
        }
        if (fin.standardCitation() != null) {
            citations.add(fin.standardCitation());
        }
        return new FiscalSettlementReport(county.value(), coverageYear, preCount, finCount, pre.countBasis(),
                pre.preAllocation().priorYearStandard(), fin.standardPerPerson(), pre.preAllocation().due(),
                fin.settlement() == null ? null : fin.settlement().due(), settlement, new ArrayList<>(citations));
    }

    /** Computes and stores the settlement (one row per level, replacing the previous computation). */
    @Transactional
    public FiscalSettlementReport settle(Actor actor, RegionCode county, int coverageYear, Long preAllocationCount, Long finalCount) {
        FiscalSettlementReport report = compute(county, coverageYear, preAllocationCount, finalCount);
        String citation = String.join("; ", report.citations().stream().map(Citation::reference).distinct().toList());
        for (LevelSettlement level : report.settlement().levels()) {
            jdbc.sql("""
                    INSERT INTO fiscal_settlement (coverage_year, county_code, level, pre_allocation_count, pre_allocated_fen,
                      final_count, final_fen, difference_fen, standard_fen, count_basis, missing, citation, computed_by)
                    VALUES (:year, :county, :level, :preCount, :pre, :finalCount, :fin, :diff, :standard, :basis, :missing, :cite, :by)
                    ON CONFLICT (county_code, coverage_year, level) DO UPDATE SET pre_allocation_count = excluded.pre_allocation_count,
                      pre_allocated_fen = excluded.pre_allocated_fen, final_count = excluded.final_count, final_fen = excluded.final_fen,
                      difference_fen = excluded.difference_fen, standard_fen = excluded.standard_fen, count_basis = excluded.count_basis,
                      missing = excluded.missing, citation = excluded.citation, computed_by = excluded.computed_by, computed_at = now()
                    """).param("year", coverageYear).param("county", county.value()).param("level", level.level().name())
                    .param("preCount", report.preAllocationCount()).param("pre", level.preAllocated().fen())
                    .param("finalCount", report.settlement().settled() ? report.finalCount() : null, java.sql.Types.BIGINT)
                    .param("fin", level.finalAmount() == null ? null : level.finalAmount().fen(), java.sql.Types.BIGINT)
                    .param("diff", level.difference() == null ? null : level.difference().fen(), java.sql.Types.BIGINT)
                    .param("standard", report.standard() == null ? null : report.standard().fen(), java.sql.Types.BIGINT)
                    .param("basis", report.countBasis(), java.sql.Types.VARCHAR)
                    .param("missing", report.settlement().missing().isEmpty() ? null : String.join("; ", report.settlement().missing()),
                            java.sql.Types.VARCHAR)
                    .param("cite", citation.length() > 500 ? citation.substring(0, 500) : citation).param("by", actor.username())
                    .update();
        }
        audit.record(actor, AuditEntry.success("FISCAL_SETTLEMENT_COMPUTED", "fiscal_settlement", county.value() + "/" + coverageYear,
                county.value(), null, Map.of("preAllocationCount", report.preAllocationCount(), "finalCount", report.finalCount(),
                        "settled", report.settlement().settled())));
        return report;
    }

    private static FiscalSplit computed(FiscalSplitResult result) {
        if (result instanceof FiscalSplitNotComputable missing) {
            throw new FiscalSplitUnavailable(missing.missing());
        }
        return (FiscalSplit) result;
    }

    private static Map<FiscalLevel, Money> amounts(List<LevelAmount> levels) {
        Map<FiscalLevel, Money> amounts = new EnumMap<>(FiscalLevel.class);
        levels.forEach(l -> amounts.put(l.level(), l.amount()));
        return amounts;
    }
}
