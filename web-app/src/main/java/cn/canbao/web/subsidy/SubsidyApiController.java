package cn.canbao.web.subsidy;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.batch.BatchAssessmentService;
import cn.canbao.subsidy.fiscal.FiscalSettlementService;
import cn.canbao.subsidy.fiscal.FiscalSplitUnavailable;
import cn.canbao.subsidy.refund.LedgerEntry;
import cn.canbao.subsidy.refund.PaymentDecision;
import cn.canbao.subsidy.refund.RefundService;
import cn.canbao.subsidy.statement.FunderStatements;
import cn.canbao.subsidy.statement.StatementService;
import cn.canbao.subsidy.whatif.Scenario;
import cn.canbao.subsidy.whatif.WhatIfService;

/** Subsidy engine API: funder statements, batch assessment runs, the 先缴后补 ledger, fiscal settlement, what-if. */
@RestController
@Tag(name = "subsidies", description = "资助/补贴清单、批量核定、先缴后补退补、财政预拨与清算、测算")
class SubsidyApiController {

    private final SubsidyAccess access;
    private final StatementService statements;
    private final BatchAssessmentService batch;
    private final RefundService refunds;
    private final FiscalSettlementService fiscal;
    private final WhatIfService whatIf;

    SubsidyApiController(SubsidyAccess access, StatementService statements, BatchAssessmentService batch, RefundService refunds,
                         FiscalSettlementService fiscal, WhatIfService whatIf) {
        this.access = access;
        this.statements = statements;
        this.batch = batch;
        this.refunds = refunds;
        this.fiscal = fiscal;
        this.whatIf = whatIf;
    }

    @GetMapping("/api/v1/subsidies/{regionCode}/{year}/statements")
    @Operation(summary = "Funder statements of a county or township: per funder, township, identity and rule, with citations",
            description = "From the latest batch assessment. Amounts in yuan with two decimals.")
    SubsidyViews.Statements statements(@PathVariable String regionCode, @PathVariable int year) {
        RegionCode region = access.read(regionCode);
        FunderStatements result = statements.statements(region, year);
        List<SubsidyViews.Statement> funders = result.statements().stream().map(SubsidyViews.Statement::of).toList();
        return new SubsidyViews.Statements(region.value(), year, result.grandTotal().people(), SubsidyViews.yuan(result.grandTotal().amount()),
                funders);
    }

    @PostMapping("/api/v1/subsidies/{countyCode}/{year}/assessment-runs")
    @Operation(summary = "Assess every active enrollment of a county and year (batch)",
            description = "Re-running changes nothing unless inputs or policy changed; the answer counts created, changed, unchanged and removed results.")
    SubsidyViews.Run run(@PathVariable String countyCode, @PathVariable int year, HttpServletRequest request) {
        RegionCode county = access.countyWork(countyCode);
        return SubsidyViews.Run.of(batch.run(access.actor(request), county, year));
    }

    @GetMapping("/api/v1/subsidies/{countyCode}/{year}/assessment-runs")
    @Operation(summary = "The latest batch runs of a county and year, newest first")
    List<SubsidyViews.Run> runs(@PathVariable String countyCode, @PathVariable int year) {
        RegionCode county = access.read(countyCode);
        return batch.runs(county, year, 20).stream().map(SubsidyViews.Run::of).toList();
    }

    @GetMapping("/api/v1/subsidies/assessment-runs/{runId}/changes")
    @Operation(summary = "What a batch run changed, per enrollment (amounts and rule before and after)")
    ResponseEntity<List<SubsidyViews.Change>> changes(@PathVariable long runId, @RequestParam(defaultValue = "0") int offset) {
        var county = batch.runCounty(runId);
        if (county.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        access.read(county.get());
        return ResponseEntity.ok(batch.changes(runId, 500, Math.max(0, offset)).stream().map(SubsidyViews.Change::of).toList());
    }

    @GetMapping("/api/v1/subsidies/{regionCode}/{year}/refunds")
    @Operation(summary = "先缴后补 ledger of a county or township: who is owed what, by township")
    SubsidyViews.Refunds refunds(@PathVariable String regionCode, @PathVariable int year) {
        RegionCode region = access.read(regionCode);
        List<LedgerEntry> entries = refunds.entries(region, year);
        return new SubsidyViews.Refunds(region.value(), year,
                cn.canbao.subsidy.refund.RefundLedger.byTownship(entries).values().stream().map(SubsidyViews.TownshipTotal::of).toList(),
                entries.stream().map(SubsidyViews.Refund::of).toList());
    }

    @PostMapping("/api/v1/subsidies/{countyCode}/{year}/refunds/reconcile")
    @Operation(summary = "Bring the ledger in line with the latest batch results (paid refunds are never changed)")
    SubsidyViews.Reconciliation reconcile(@PathVariable String countyCode, @PathVariable int year, HttpServletRequest request) {
        RegionCode county = access.countyWork(countyCode);
        return SubsidyViews.Reconciliation.of(refunds.reconcile(access.actor(request), county, year));
    }

    record PaidRequest(String amount, LocalDate paidOn) {
    }

    @PostMapping("/api/v1/subsidies/{countyCode}/{year}/refunds/{refundId}/paid")
    @Operation(summary = "Mark one refund paid (the amount owed, once)",
            description = "409 with the reason when already paid, cancelled, of another amount or dated in the future.")
    ResponseEntity<?> paid(@PathVariable String countyCode, @PathVariable int year, @PathVariable long refundId,
                           @RequestBody PaidRequest body, HttpServletRequest request) {
        RegionCode county = access.overlapping(countyCode);
        if (body == null || body.amount() == null || body.paidOn() == null) {
            throw new IllegalArgumentException("amount and paidOn are required");
        }
        LedgerEntry entry = refunds.find(county, refundId).filter(e -> e.coverageYear() == year).orElse(null);
        if (entry == null) {
            return ResponseEntity.notFound().build();
        }
        access.check(entry.townshipCode());
        PaymentDecision decision = refunds.markPaid(access.actor(request), county, refundId, Money.parse(body.amount()),
                body.paidOn());
        if (!decision.accepted()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, decision.message());
            problem.setType(URI.create("urn:canbao:refund-" + decision.rejection().name().toLowerCase().replace('_', '-')));
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.ok(SubsidyViews.Refund.of(decision.entry()));
    }

    record SettlementRequest(Long preAllocationCount, Long finalCount) {
    }

    @PostMapping("/api/v1/subsidies/{countyCode}/{year}/fiscal-settlement")
    @Operation(summary = "Compute and store pre-allocation (预拨) against final settlement (清算) per fiscal level",
            description = "Counts default to the prior year's and the year's paying participants. 422 naming what the documents do not give.")
    SubsidyViews.Settlement settle(@PathVariable String countyCode, @PathVariable int year,
                                   @RequestBody(required = false) SettlementRequest body, HttpServletRequest request) {
        RegionCode county = access.countyWork(countyCode);
        return SubsidyViews.Settlement.of(fiscal.settle(access.actor(request), county, year,
                body == null ? null : body.preAllocationCount(), body == null ? null : body.finalCount()));
    }

    record ScenarioRequest(String personalStandard, String fiscalStandard, Long insuredCount, Map<String, Long> peopleByRule,
                           Map<String, Map<String, String>> amounts) {
        Scenario toScenario() {
            Map<String, Map<Funder, Money>> parsed = new HashMap<>();
            if (amounts != null) {
                amounts.forEach((rule, byFunder) -> {
                    Map<Funder, Money> funders = new EnumMap<>(Funder.class);
                    byFunder.forEach((funder, amount) -> funders.put(Funder.valueOf(funder), Money.parse(amount)));
                    parsed.put(rule, funders);
                });
            }
            return new Scenario(personalStandard == null ? null : Money.parse(personalStandard),
                    fiscalStandard == null ? null : Money.parse(fiscalStandard), insuredCount, peopleByRule, parsed);
        }
    }

    @PostMapping("/api/v1/subsidies/{countyCode}/{year}/what-if")
    @Operation(summary = "Cost per funder and per fiscal level: current policy and a scenario side by side (nothing is stored)")
    SubsidyViews.WhatIf whatIf(@PathVariable String countyCode, @PathVariable int year, @RequestBody ScenarioRequest body) {
        RegionCode county = access.read(countyCode);
        if (county.level() != cn.canbao.region.RegionLevel.COUNTY) {
            throw new IllegalArgumentException("what-if works per county; " + county + " is a " + county.level());
        }
        Scenario scenario = body == null ? Scenario.none() : body.toScenario();
        return SubsidyViews.WhatIf.of(county.value(), year, whatIf.simulate(county, year, scenario));
    }

    @ExceptionHandler(FiscalSplitUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(FiscalSplitUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:canbao:fiscal-split-not-computable"));
        problem.setProperty("missing", new ArrayList<>(e.missing()));
        return ResponseEntity.unprocessableContent().body(problem);
    }
}
