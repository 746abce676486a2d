package cn.canbao.web.collection;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.canbao.collection.lapse.FollowUpOutcome;
import cn.canbao.collection.lapse.LapseCase;
import cn.canbao.collection.lapse.LapseService;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.collection.progress.ProgressRow;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.progress.WarningService;
import cn.canbao.collection.reconciliation.ControlTotal;
import cn.canbao.collection.reconciliation.ControlTotalFile;
import cn.canbao.collection.reconciliation.Difference;
import cn.canbao.collection.reconciliation.DifferenceCategory;
import cn.canbao.collection.reconciliation.ReconciliationRepository;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.region.RegionCode;
import cn.canbao.tabular.SpreadsheetWriter;
import cn.canbao.web.audit.ExportAudit;
import cn.canbao.web.audit.PersonalData;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.FieldEncryption;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.Role;

/** The collection pages: progress and warnings, worklists, the lapse list, imports; Excel exports. */
@Controller
class CollectionPageController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ProgressService progress;
    private final WarningService warnings;
    private final ReconciliationService reconciliation;
    private final ReconciliationRepository runs;
    private final PaymentImportService imports;
    private final LapseService lapses;
    private final RegionAccess access;
    private final CollectionYear year;
    private final MessageSource messages;
    private final ExportAudit exportAudit;
    private final PersonalData personalData;

    CollectionPageController(ProgressService progress, WarningService warnings, ReconciliationService reconciliation,
                             ReconciliationRepository runs, PaymentImportService imports, LapseService lapses, RegionAccess access,
                             CollectionYear year, MessageSource messages, ExportAudit exportAudit, PersonalData personalData) {
        this.exportAudit = exportAudit;
        this.personalData = personalData;
        this.progress = progress;
        this.warnings = warnings;
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.imports = imports;
        this.lapses = lapses;
        this.access = access;
        this.year = year;
        this.messages = messages;
    }

    @GetMapping("/collection")
    String mine() {
        return "redirect:/collection/" + access.scope().value();
    }

    @GetMapping("/collection/{code}")
    String overview(@PathVariable String code, @RequestParam(required = false) Integer coverageYear,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
        RegionCode region = visible(code);
        int y = coverageYear == null ? year.current() : coverageYear;
        LocalDate d = date == null ? year.today() : date;
        List<ProgressRow> rows = progress.tree(region, y, d, 1);
        model.addAttribute("region", region);
        model.addAttribute("coverageYear", y);
        model.addAttribute("date", d);
        model.addAttribute("unit", rows.stream().filter(r -> r.depth() == 0).findFirst().orElse(null));
        model.addAttribute("children", rows.stream().filter(r -> r.depth() == 1).toList());
        model.addAttribute("warnings", warnings.behindSchedule(region, y, d, Optional.of(access.currentUser().getUsername())));
        Optional<ReconciliationRepository.ReconciliationRun> run = runs.latestRun(y);
        model.addAttribute("run", run.orElse(null));
        model.addAttribute("counts", run.map(r -> runs.counts(r.id(), region)).orElse(List.of()));
        model.addAttribute("countyWork", countyRole());
        return "collection/overview";
    }

    @GetMapping("/collection/{code}/export")
    void exportProgress(@PathVariable String code, @RequestParam(required = false) Integer coverageYear,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        RegionCode region = visible(code);
        int y = coverageYear == null ? year.current() : coverageYear;
        LocalDate d = date == null ? year.today() : date;
        long rows = 0;
        List<String> headers = List.of("code", "name", "level", "base", "enrolled", "paid", "paidRate", "specialPopulation", "specialPaid",
                "specialRate", "required", "gap").stream().map(h -> text("collection.column." + h)).toList();
        xlsx(response, "progress-" + region.value() + "-" + d + ".xlsx");
        try (SpreadsheetWriter writer = new SpreadsheetWriter(text("collection.progress"), headers)) {
            for (ProgressRow r : progress.tree(region, y, d, ProgressService.WHOLE_TREE)) {
                writer.row(List.of(r.code().value(), r.name(), text("region.level." + r.level().name()),
                        r.progress().base().map(String::valueOf).orElse(""), String.valueOf(r.progress().enrolled()),
                        String.valueOf(r.progress().paid()), r.progress().paidRate().map(Object::toString).orElse(""),
                        String.valueOf(r.progress().specialPopulation()), String.valueOf(r.progress().specialPaid()),
                        r.progress().specialRate().map(Object::toString).orElse(""),
                        r.schedule().map(s -> String.valueOf(s.required())).orElse(""), r.schedule().map(s -> String.valueOf(s.gap())).orElse("")));
                rows++;
            }
            writer.writeTo(response.getOutputStream());
        }
        exportAudit.record(request, "PROGRESS_EXPORTED", "collection_progress", region.value(), rows, null,
                Map.of("coverageYear", y, "date", d.toString()));
    }

    @GetMapping("/collection/{code}/worklists/{category}")
    String worklist(@PathVariable String code, @PathVariable DifferenceCategory category,
                    @RequestParam(required = false) Integer coverageYear, Model model) {
        RegionCode region = visible(code);
        int y = coverageYear == null ? year.current() : coverageYear;
        Optional<ReconciliationRepository.ReconciliationRun> run = runs.latestRun(y);
        model.addAttribute("region", region);
        model.addAttribute("coverageYear", y);
        model.addAttribute("category", category);
        model.addAttribute("run", run.orElse(null));
        model.addAttribute("items", run.map(r -> runs.items(r.id(), category, region, 500, 0)).orElse(List.of()));
        return "collection/worklist";
    }

    @GetMapping("/collection/{code}/worklists/{category}/export")
    void exportWorklist(@PathVariable String code, @PathVariable DifferenceCategory category,
                        @RequestParam(required = false) Integer coverageYear, @RequestParam(required = false) String revealReason,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        RegionCode region = visible(code);
        int y = coverageYear == null ? year.current() : coverageYear;
        boolean unmasked = exportAudit.unmasked(revealReason);
        long rows = 0;
        List<String> headers = List.of("region", "idNumber", "name", "assessed", "netPaid", "amount", "transactions", "reason").stream()
                .map(h -> text("collection.column." + h)).toList();
        xlsx(response, "worklist-" + category.name() + "-" + region.value() + ".xlsx");
        try (SpreadsheetWriter writer = new SpreadsheetWriter(category.chineseName(), headers)) {
            Optional<ReconciliationRepository.ReconciliationRun> run = runs.latestRun(y);
            if (run.isPresent()) {
                int offset = 0;
                List<Difference> page;
                do {
                    page = runs.items(run.get().id(), category, region, 5000, offset);
                    for (Difference d : page) {
                        writer.row(List.of(d.worklistRegion().value(), unmasked ? d.idNumber() : personalData.maskedId(d.idNumber()), d.name(), d.assessedAmount().map(Object::toString).orElse(""),
                                d.netPaid().toString(), d.amount().toString(), String.join(" ", d.transactionIds()), d.reason()));
                    }
                    offset += page.size();
                } while (page.size() == 5000);
                rows = offset;
            }
            writer.writeTo(response.getOutputStream());
        }
        exportAudit.record(request, "WORKLIST_EXPORTED", "reconciliation_item", region.value(), rows, unmasked ? revealReason : null,
                Map.of("coverageYear", y, "category", category.name()));
    }

    @GetMapping("/collection/{code}/lapses")
    String lapseList(@PathVariable String code, @RequestParam(required = false) Integer coverageYear, Model model) {
        RegionCode region = visible(code);
        int y = coverageYear == null ? year.current() : coverageYear;
        List<LapseCase> cases = lapses.worklist(region, y, Optional.empty(), 1000, 0);
        model.addAttribute("region", region);
        model.addAttribute("coverageYear", y);
        model.addAttribute("cases", cases);
        model.addAttribute("outcomes", FollowUpOutcome.values());
        return "collection/lapses";
    }

    @PostMapping("/collection/lapses/follow-up")
    String followUp(@RequestParam int coverageYear, @RequestParam String idNumber, @RequestParam FollowUpOutcome outcome,
                    @RequestParam(required = false) String note, @RequestParam String back, RedirectAttributes flash) {
        if (note != null && note.length() > 500) {
            throw new IllegalArgumentException(text("collection.lapse.noteTooLong"));
        }
        CurrentUser user = access.currentUser();
        // the page sends a sealed reference instead of the full number; API-style callers may send the number itself
        String person = FieldEncryption.isEncrypted(idNumber) ? personalData.open(idNumber).value() : idNumber;
        Optional<LapseCase> recorded = lapses.recordOutcome(user.region(), coverageYear, person.trim().toUpperCase(), outcome,
                Optional.ofNullable(note), user.getUsername());
        if (recorded.isEmpty()) {
            throw new AccessDeniedException("not on the caller's lapse list");
        }
        flash.addFlashAttribute("message", text("collection.lapse.recorded"));
        RegionCode backRegion = visible(back);
        return "redirect:/collection/" + backRegion.value() + "/lapses?coverageYear=" + coverageYear;
    }

    @PostMapping("/collection/imports")
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file,
                      @RequestParam(name = "controlTotals", required = false) MultipartFile controlTotals, Model model) throws IOException {
        requireCountyRole();
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException(text("collection.import.file"));
        }
        CurrentUser user = access.currentUser();
        PaymentImportReport report;
        try {
            List<ControlTotal> controls = List.of();
            if (controlTotals != null && !controlTotals.isEmpty()) {
                try (InputStream in = controlTotals.getInputStream()) {
                    controls = ControlTotalFile.read(in);
                }
            }
            try (InputStream in = file.getInputStream()) {
                report = imports.importFile(in, file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(), controls,
                        user.region(), user.getUsername());
            }
        } catch (IllegalArgumentException e) {
            report = PaymentImportReport.refused(e.getMessage());
        }
        model.addAttribute("report", report);
        model.addAttribute("region", user.region());
        return "collection/import-report";
    }

    @PostMapping("/collection/reconciliation")
    String run(@RequestParam(required = false) Integer coverageYear, RedirectAttributes flash) {
        requireCountyRole();
        ReconciliationService.RunResult result = reconciliation.run(coverageYear == null ? year.current() : coverageYear,
                access.currentUser().getUsername());
        flash.addFlashAttribute("message", messages.getMessage("collection.run.done",
                new Object[] {result.summary().people(), result.summary().people() - result.summary().agreeing()}, LocaleContextHolder.getLocale()));
        return "redirect:/collection/" + access.scope().value();
    }

    private RegionCode visible(String code) {
        RegionCode region = RegionCode.of(code);
        access.check(region);
        return region;
    }

    private boolean countyRole() {
        Role role = access.currentUser().role();
        return role == Role.ADMIN || role == Role.COUNTY_STAFF;
    }

    private void requireCountyRole() {
        if (!countyRole()) {
            throw new AccessDeniedException("county staff only");
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static void xlsx(HttpServletResponse response, String fileName) {
        response.setContentType(XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
