package cn.canbao.web.subsidy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;
import cn.canbao.subsidy.batch.BatchAssessmentService;
import cn.canbao.subsidy.fiscal.FiscalSettlementReport;
import cn.canbao.subsidy.fiscal.FiscalSettlementService;
import cn.canbao.subsidy.fiscal.FiscalSplitUnavailable;
import cn.canbao.subsidy.fiscal.LevelSettlement;
import cn.canbao.subsidy.refund.LedgerEntry;
import cn.canbao.subsidy.refund.PaymentDecision;
import cn.canbao.subsidy.refund.RefundLedger;
import cn.canbao.subsidy.refund.RefundService;
import cn.canbao.subsidy.statement.FunderStatement;
import cn.canbao.subsidy.statement.FunderStatements;
import cn.canbao.subsidy.statement.StatementService;
import cn.canbao.subsidy.whatif.RuleGroup;
import cn.canbao.subsidy.whatif.Scenario;
import cn.canbao.subsidy.whatif.WhatIfInput;
import cn.canbao.subsidy.whatif.WhatIfResult;
import cn.canbao.subsidy.whatif.WhatIfService;
import cn.canbao.tabular.SpreadsheetWriter;
import cn.canbao.web.audit.ExportAudit;
import tools.jackson.databind.json.JsonMapper;

/** Subsidy pages: statements with a chart and Excel export, the refund ledger, fiscal settlement and what-if. */
@Controller
class SubsidyPageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int DEFAULT_YEAR = 2025;

    private final SubsidyAccess access;
    private final StatementService statements;
    private final BatchAssessmentService batch;
    private final RefundService refunds;
    private final FiscalSettlementService fiscal;
    private final WhatIfService whatIf;
    private final MessageSource messages;
    private final ExportAudit exportAudit;

    SubsidyPageController(SubsidyAccess access, StatementService statements, BatchAssessmentService batch, RefundService refunds,
                          FiscalSettlementService fiscal, WhatIfService whatIf, MessageSource messages, ExportAudit exportAudit) {
        this.exportAudit = exportAudit;
        this.access = access;
        this.statements = statements;
        this.batch = batch;
        this.refunds = refunds;
        this.fiscal = fiscal;
        this.whatIf = whatIf;
        this.messages = messages;
    }

    @GetMapping("/subsidies")
    String index(@RequestParam(required = false) String regionCode, @RequestParam(required = false) Integer year, Model model) {
        if (regionCode != null && !regionCode.isBlank()) {
            RegionCode region = access.read(regionCode.strip());
            return "redirect:/subsidies/" + region.value() + "/" + (year == null ? DEFAULT_YEAR : year);
        }
        model.addAttribute("year", DEFAULT_YEAR);
        return "subsidy/index";
    }

    @GetMapping("/subsidies/{regionCode}/{year}")
    String statements(@PathVariable String regionCode, @PathVariable int year, Model model) {
        // A city or province user sees every county in it; county work (runs, fiscal, what-if) stays per county.
        RegionCode region = access.read(regionCode);
        FunderStatements result = statements.statements(region, year);
        List<FunderStatement> funders = result.statements();
        model.addAttribute("region", region.value());
        model.addAttribute("county", region.county().map(RegionCode::value).orElse(null));
        model.addAttribute("isCounty", region.level() == RegionLevel.COUNTY);
        model.addAttribute("year", year);
        model.addAttribute("statements", funders);
        model.addAttribute("grandTotal", result.grandTotal());
        model.addAttribute("runs", region.level() == RegionLevel.COUNTY ? batch.runs(region, year, 5) : List.of());
        model.addAttribute("chart", chartByTownship(funders));
        return "subsidy/statements";
    }

    /** Stacked bars: one per township, one segment per funder. */
    private String chartByTownship(List<FunderStatement> funders) {
        List<String> townships = funders.stream().flatMap(f -> f.byTownship().keySet().stream()).distinct().sorted().toList();
        List<Map<String, Object>> series = new ArrayList<>();
        for (FunderStatement funder : funders) {
            if (funder.total().people() == 0) {
                continue;
            }
            List<String> values = townships.stream().map(t -> funder.byTownship().containsKey(t)
                    ? funder.byTownship().get(t).amount().toString() : "0").toList();
            series.add(Map.of("name", label("subsidy.funder." + funder.funder().name()), "data", values));
        }
        return JSON.writeValueAsString(Map.of("categories", townships, "series", series, "unit", label("subsidy.yuan")));
    }

    @GetMapping("/subsidies/{regionCode}/{year}/statements/{funder}/export")
    void export(@PathVariable String regionCode, @PathVariable int year, @PathVariable Funder funder, HttpServletRequest request,
                HttpServletResponse response) {
        RegionCode region = access.read(regionCode);
        String fileName = region.value() + "-" + year + "-" + funder.name() + ".xlsx";
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8));
        List<String> headers = List.of(label("subsidy.export.enrollment"), label("subsidy.export.person"), label("subsidy.export.township"),
                label("subsidy.export.identity"), label("subsidy.export.funder"), label("subsidy.export.amount"),
                label("subsidy.export.mode"), label("subsidy.export.rule"), label("subsidy.export.citation"));
        long[] rows = {0};
        try (SpreadsheetWriter sheet = new SpreadsheetWriter(funder.chineseName(), headers)) {
            statements.lines(region, year, funder, line -> {
                sheet.row(List.of(Long.toString(line.enrollmentId()), line.personLabel(),
                        line.townshipCode(), line.identity() == null ? "" : line.identity().chineseName(), funder.chineseName(),
                        line.amount().toString(), line.mode().chineseName(), line.ruleName(), line.citation()));
                rows[0]++;
            });
            sheet.writeTo(response.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exportAudit.record(request, "SUBSIDY_STATEMENT_EXPORTED", "subsidy_statement", region.value(), rows[0], null,
                Map.of("coverageYear", year, "funder", funder.name()));
    }

    @PostMapping("/subsidies/{countyCode}/{year}/runs")
    String run(@PathVariable String countyCode, @PathVariable int year, HttpServletRequest request, RedirectAttributes flash) {
        RegionCode county = access.countyWork(countyCode);
        var summary = batch.run(access.actor(request), county, year);
        flash.addFlashAttribute("message", messages.getMessage("subsidy.run.done", new Object[] {summary.enrollments(),
                summary.created(), summary.changed(), summary.unchanged(), summary.removed(), summary.rejected()},
                LocaleContextHolder.getLocale()));
        return "redirect:/subsidies/" + county.value() + "/" + year;
    }

    @GetMapping("/subsidies/{regionCode}/{year}/refunds")
    String refunds(@PathVariable String regionCode, @PathVariable int year, Model model) {
        RegionCode region = belowCity(access.read(regionCode));
        List<LedgerEntry> entries = refunds.entries(region, year);
        model.addAttribute("region", region.value());
        model.addAttribute("county", region.value().substring(0, 6));
        model.addAttribute("isCounty", region.level() == RegionLevel.COUNTY);
        model.addAttribute("year", year);
        model.addAttribute("entries", entries);
        model.addAttribute("byTownship", RefundLedger.byTownship(entries).values());
        model.addAttribute("today", LocalDate.now());
        return "subsidy/refunds";
    }

    @PostMapping("/subsidies/{countyCode}/{year}/refunds/reconcile")
    String reconcile(@PathVariable String countyCode, @PathVariable int year, HttpServletRequest request, RedirectAttributes flash) {
        RegionCode county = access.countyWork(countyCode);
        var changes = refunds.reconcile(access.actor(request), county, year);
        flash.addFlashAttribute("message", messages.getMessage("subsidy.refunds.reconciled", new Object[] {changes.toOpen().size(),
                changes.toAdjust().size(), changes.toCancel().size(), changes.discrepancies().size()}, LocaleContextHolder.getLocale()));
        return "redirect:/subsidies/" + county.value() + "/" + year + "/refunds";
    }

    @PostMapping("/subsidies/{countyCode}/{year}/refunds/{refundId}/paid")
    String paid(@PathVariable String countyCode, @PathVariable int year, @PathVariable long refundId, @RequestParam String amount,
                @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn, HttpServletRequest request,
                RedirectAttributes flash) {
        RegionCode county = access.overlapping(countyCode);
        LedgerEntry entry = refunds.find(county, refundId).filter(e -> e.coverageYear() == year)
                .orElseThrow(() -> new IllegalArgumentException("no refund " + refundId + " in " + county + " " + year));
        access.check(entry.townshipCode());
        PaymentDecision decision = refunds.markPaid(access.actor(request), county, refundId, Money.parse(amount), paidOn);
        flash.addFlashAttribute(decision.accepted() ? "message" : "problem", decision.accepted()
                ? messages.getMessage("subsidy.refunds.paidDone", new Object[] {refundId, amount}, LocaleContextHolder.getLocale())
                : decision.message());
        return "redirect:/subsidies/" + entry.townshipCode() + "/" + year + "/refunds";
    }

    @GetMapping("/subsidies/{countyCode}/{year}/fiscal")
    String fiscal(@PathVariable String countyCode, @PathVariable int year, @RequestParam(required = false) Long preAllocationCount,
                  @RequestParam(required = false) Long finalCount, Model model) {
        RegionCode county = access.read(countyCode);
        model.addAttribute("county", county.value());
        model.addAttribute("year", year);
        FiscalSettlementReport report = fiscal.compute(county, year, preAllocationCount, finalCount);
        model.addAttribute("report", report);
        List<String> levels = new ArrayList<>();
        List<String> pre = new ArrayList<>();
        List<String> fin = new ArrayList<>();
        for (LevelSettlement level : report.settlement().levels()) {
            levels.add(label("subsidy.level." + level.level().name()));
            pre.add(level.preAllocated().toString());
            fin.add(level.finalAmount() == null ? null : level.finalAmount().toString());
        }
        model.addAttribute("chart", JSON.writeValueAsString(Map.of("categories", levels, "unit", label("subsidy.yuan"), "series",
                List.of(Map.of("name", label("subsidy.fiscal.preAllocated"), "data", pre),
                        Map.of("name", label("subsidy.fiscal.final"), "data", fin)))));
        return "subsidy/fiscal";
    }

    @GetMapping("/subsidies/{countyCode}/{year}/what-if")
    String whatIf(@PathVariable String countyCode, @PathVariable int year, @RequestParam Map<String, String> params, Model model) {
        RegionCode county = access.read(countyCode);
        if (county.level() != RegionLevel.COUNTY) {
            throw new IllegalArgumentException("what-if works per county; " + county + " is a " + county.level());
        }
        WhatIfInput baseline = whatIf.baseline(county, year);
        Scenario scenario = scenario(params, baseline);
        WhatIfResult result = whatIf.simulate(county, year, scenario);
        model.addAttribute("county", county.value());
        model.addAttribute("year", year);
        model.addAttribute("baseline", baseline);
        model.addAttribute("params", params);
        model.addAttribute("result", result);
        List<String> names = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (WhatIfResult.FunderRow row : result.funders()) {
            names.add(label("subsidy.funder." + row.funder().name()));
            current.add(row.current().toString());
            changed.add(row.scenario().toString());
        }
        for (WhatIfResult.LevelRow row : result.levels()) {
            names.add(label("subsidy.level." + row.level().name()));
            current.add(row.current() == null ? null : row.current().toString());
            changed.add(row.scenario() == null ? null : row.scenario().toString());
        }
        model.addAttribute("chart", JSON.writeValueAsString(Map.of("categories", names, "unit", label("subsidy.yuan"), "series",
                List.of(Map.of("name", label("subsidy.whatif.current"), "data", current),
                        Map.of("name", label("subsidy.whatif.scenario"), "data", changed)))));
        return "subsidy/whatif";
    }

    /** Form fields: personalStandard, fiscalStandard, insuredCount, people.{rule}, amount.{rule}.{FUNDER}; blanks are "as now". */
    private static Scenario scenario(Map<String, String> params, WhatIfInput baseline) {
        Map<String, Long> people = new HashMap<>();
        Map<String, Map<Funder, Money>> amounts = new HashMap<>();
        for (RuleGroup group : baseline.groups()) {
            String count = params.get("people." + group.ruleId());
            if (count != null && !count.isBlank()) {
                people.put(group.ruleId(), parseCount("people." + group.ruleId(), count));
            }
            for (var part : group.parts()) {
                String amount = params.get("amount." + group.ruleId() + "." + part.funder().name());
                if (amount != null && !amount.isBlank()) {
                    amounts.computeIfAbsent(group.ruleId(), r -> new EnumMap<>(Funder.class)).put(part.funder(), Money.parse(amount));
                }
            }
        }
        return new Scenario(money(params.get("personalStandard")), money(params.get("fiscalStandard")),
                params.get("insuredCount") == null || params.get("insuredCount").isBlank() ? null
                        : parseCount("insuredCount", params.get("insuredCount")), people, amounts);
    }

    private static Money money(String value) {
        return value == null || value.isBlank() ? null : Money.parse(value);
    }

    private static long parseCount(String field, String value) {
        try {
            long count = Long.parseLong(value.strip());
            if (count < 0) {
                throw new IllegalArgumentException(field + ": a count cannot be negative: " + value);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": not a whole number: " + value);
        }
    }

    private static RegionCode belowCity(RegionCode region) {
        if (region.level() == RegionLevel.PROVINCE || region.level() == RegionLevel.CITY) {
            throw new IllegalArgumentException("subsidy refunds are per county or township; " + region + " is a " + region.level());
        }
        return region;
    }

    private String label(String code) {
        return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(FiscalSplitUnavailable.class)
    ModelAndView unavailable(FiscalSplitUnavailable e) {
        ModelAndView page = new ModelAndView("error", org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT);
        page.addObject("status", 422);
        page.addObject("reason", e.getMessage());
        return page;
    }
}
