package cn.canbao.web.collection;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.canbao.collection.lapse.FollowUpOutcome;
import cn.canbao.collection.lapse.LapseCase;
import cn.canbao.collection.lapse.LapseReason;
import cn.canbao.collection.lapse.LapseService;
import cn.canbao.collection.payment.PaymentBatch;
import cn.canbao.collection.payment.PaymentField;
import cn.canbao.collection.payment.EnrollmentPaymentLink;
import cn.canbao.collection.payment.PaymentImportReport;
import cn.canbao.collection.payment.PaymentImportService;
import cn.canbao.collection.payment.PaymentRepository;
import cn.canbao.collection.payment.PaymentRowParser;
import cn.canbao.collection.payment.PaymentService;
import cn.canbao.collection.payment.RowError;
import cn.canbao.collection.progress.ProgressRow;
import cn.canbao.collection.progress.ProgressService;
import cn.canbao.collection.progress.WarningService;
import cn.canbao.collection.reconciliation.ControlTotal;
import cn.canbao.collection.reconciliation.ControlTotalFile;
import cn.canbao.collection.reconciliation.Difference;
import cn.canbao.collection.reconciliation.DifferenceCategory;
import cn.canbao.collection.reconciliation.ReconciliationRepository;
import cn.canbao.collection.reconciliation.ReconciliationService;
import cn.canbao.collection.snapshot.ProgressSnapshot;
import cn.canbao.collection.snapshot.SnapshotService;
import cn.canbao.enrollment.person.Masking;
import cn.canbao.region.RegionCode;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.Role;

/**
 * Collection over REST. Every read is limited on the server to the caller's region and below;
 * writes check the region of what they write.
 */
@RestController
@Tag(name = "collection", description = "征缴对账 / payments, reconciliation, progress, warnings, worklists")
class CollectionApiController {

    private final PaymentService paymentService;
    private final PaymentImportService imports;
    private final PaymentRepository payments;
    private final ReconciliationService reconciliation;
    private final ReconciliationRepository runs;
    private final ProgressService progress;
    private final WarningService warnings;
    private final SnapshotService snapshots;
    private final LapseService lapses;
    private final RegionAccess access;
    private final CollectionYear year;

    CollectionApiController(PaymentService paymentService, PaymentImportService imports, PaymentRepository payments,
                            ReconciliationService reconciliation, ReconciliationRepository runs, ProgressService progress,
                            WarningService warnings, SnapshotService snapshots, LapseService lapses, RegionAccess access,
                            CollectionYear year) {
        this.paymentService = paymentService;
        this.imports = imports;
        this.payments = payments;
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.progress = progress;
        this.warnings = warnings;
        this.snapshots = snapshots;
        this.lapses = lapses;
        this.access = access;
        this.year = year;
    }

    /** A payment record as the tax bureau sends it; amounts in yuan, time as 2024-10-08 09:30:00. */
    record PaymentRequest(String transactionId, String idNumber, String name, String amount, String coverageYear, String channel,
                          String paidAt, String collectingUnit, String collectingRegion, String kind, String reverses) {

        Map<PaymentField, String> fields() {
            Map<PaymentField, String> f = new EnumMap<>(PaymentField.class);
            f.put(PaymentField.TRANSACTION_ID, transactionId);
            f.put(PaymentField.ID_NUMBER, idNumber);
            f.put(PaymentField.NAME, name);
            f.put(PaymentField.AMOUNT, amount);
            f.put(PaymentField.COVERAGE_YEAR, coverageYear);
            f.put(PaymentField.CHANNEL, channel);
            f.put(PaymentField.PAID_AT, paidAt);
            f.put(PaymentField.COLLECTING_UNIT, collectingUnit);
            f.put(PaymentField.COLLECTING_REGION, collectingRegion);
            f.put(PaymentField.KIND, kind);
            f.put(PaymentField.REVERSES, reverses);
            return f;
        }
    }

    /** What happened to a posted record, the person's differences right after it, and what it did to their enrollment. */
    record PaymentResponse(String result, String transactionId, Boolean fullyPaid, String netPaid, List<DifferenceView> differences,
                           List<RowError> errors, EnrollmentPaymentLink.Summary enrollment) {
    }

    record DifferenceView(String category, String categoryName, String idNumber, String name, String region, String assessed,
                          String netPaid, String amount, List<String> transactionIds, String reason) {

        static DifferenceView of(Difference d) {
            return new DifferenceView(d.category().name(), d.category().chineseName(), Masking.maskDocumentNumber(d.idNumber()), d.name(),
                    d.worklistRegion().value(),
                    d.assessedAmount().map(Object::toString).orElse(null), d.netPaid().toString(), d.amount().toString(), d.transactionIds(),
                    d.reason());
        }
    }

    @PostMapping(path = "/api/v1/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record one payment, reversal or refund",
            description = "Idempotent by transaction id: 201 when new, 200 when the same record is already there, 409 when the "
                    + "transaction id is recorded with other content, 400 with field errors, 403 when collected outside the caller's region.")
    @ApiResponse(responseCode = "201", description = "recorded; the person's reconciliation is returned")
    ResponseEntity<PaymentResponse> record(@RequestBody PaymentRequest request) {
        PaymentRowParser.Outcome parsed = PaymentRowParser.parse(1, request.fields());
        if (!parsed.accepted()) {
            return ResponseEntity.badRequest().body(new PaymentResponse("INVALID", request.transactionId(), null, null, List.of(),
                    parsed.errors(), EnrollmentPaymentLink.Summary.NOTHING));
        }
        CurrentUser user = access.currentUser();
        PaymentService.RecordResult result = paymentService.record(parsed.record().orElseThrow(), user.region(), user.getUsername());
        HttpStatus status = switch (result.result()) {
            case CREATED -> HttpStatus.CREATED;
            case ALREADY_PRESENT -> HttpStatus.OK;
            case CONFLICT -> HttpStatus.CONFLICT;
            case OUTSIDE_REGION -> throw new AccessDeniedException("collected outside the caller's region");
        };
        return ResponseEntity.status(status).body(new PaymentResponse(result.result().name(), request.transactionId(),
                result.outcome().map(o -> o.fullyPaid()).orElse(null), result.outcome().map(o -> o.netPaid().toString()).orElse(null),
                result.outcome().map(o -> o.differences().stream().map(DifferenceView::of).toList()).orElse(List.of()), List.of(),
                result.enrollment()));
    }

    @PostMapping("/api/v1/payments/imports")
    @Operation(summary = "Import a tax-bureau payment file (CSV or xlsx), optionally with its control totals",
            description = "Good rows are kept, bad rows are reported with line, field and reason; the same file again changes nothing. "
                    + "The control totals file has 征收单位, 缴费渠道, 笔数, 净额 and optionally 到账金额.")
    ResponseEntity<PaymentImportReport> importFile(@RequestPart(name = "file", required = false) MultipartFile file,
                                                   @RequestPart(name = "controlTotals", required = false) MultipartFile controlTotals)
            throws IOException {
        requireCountyRole();
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("file: a payment file is required");
        }
        List<ControlTotal> controls = List.of();
        if (controlTotals != null && !controlTotals.isEmpty()) {
            try (InputStream in = controlTotals.getInputStream()) {
                controls = ControlTotalFile.read(in);
            }
        }
        CurrentUser user = access.currentUser();
        try (InputStream in = file.getInputStream()) {
            PaymentImportReport report = imports.importFile(in, file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(),
                    controls, user.region(), user.getUsername());
            return ResponseEntity.status(report.fileError().isPresent() ? HttpStatus.BAD_REQUEST : HttpStatus.OK).body(report);
        }
    }

    record BatchView(PaymentBatch batch, List<RowError> errors) {
    }

    @GetMapping("/api/v1/payments/imports/{id}")
    @Operation(summary = "One import batch with its rejected rows (first 1000)")
    BatchView batch(@PathVariable long id) {
        PaymentBatch batch = payments.batch(id).orElseThrow(() -> new IllegalArgumentException("no import batch " + id));
        access.check(batch.region());
        return new BatchView(batch, payments.errors(id, PaymentImportReport.MAX_ERRORS_SHOWN));
    }

    record RunView(long runId, long people, long agreeing, long fullyPaid, Map<DifferenceCategory, Long> differences) {
    }

    @PostMapping("/api/v1/reconciliation/runs")
    @Operation(summary = "Run reconciliation for a coverage year (all regions; worklists are read per region)")
    RunView run(@RequestParam(required = false) Integer coverageYear) {
        requireCountyRole();
        ReconciliationService.RunResult result = reconciliation.run(coverageYear == null ? year.current() : coverageYear,
                access.currentUser().getUsername());
        return new RunView(result.runId(), result.summary().people(), result.summary().agreeing(), result.summary().fullyPaid(),
                result.summary().differences());
    }

    record WorklistView(Long runId, List<ReconciliationRepository.CategoryCount> counts, List<DifferenceView> items) {
    }

    @GetMapping("/api/v1/reconciliation/worklists/{code}")
    @Operation(summary = "Counts per difference category of the latest run within a region, and the items of one category")
    WorklistView worklist(@PathVariable String code, @RequestParam(required = false) Integer coverageYear,
                          @RequestParam(required = false) DifferenceCategory category,
                          @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        RegionCode region = visible(code);
        Optional<ReconciliationRepository.ReconciliationRun> run = runs.latestRun(coverageYear == null ? year.current() : coverageYear);
        if (run.isEmpty()) {
            return new WorklistView(null, List.of(), List.of());
        }
        long runId = run.get().id();
        List<DifferenceView> items = category == null ? List.of()
                : runs.items(runId, category, region, Math.min(limit, 1000), Math.max(offset, 0)).stream().map(DifferenceView::of).toList();
        return new WorklistView(runId, runs.counts(runId, region), items);
    }

    @GetMapping("/api/v1/progress/{code}")
    @Operation(summary = "Progress of a unit and its descendants on a date",
            description = "depth 0 = the unit only, 1 = with its children, up to 4 = the whole tree; rates are fractions")
    List<ProgressRow> progress(@PathVariable String code, @RequestParam(required = false) Integer coverageYear,
                               @Parameter(description = "yyyy-MM-dd, default today") @RequestParam(required = false) LocalDate date,
                               @RequestParam(defaultValue = "1") int depth) {
        RegionCode region = visible(code);
        return progress.tree(region, coverageYear == null ? year.current() : coverageYear, date == null ? year.today() : date,
                Math.max(0, Math.min(depth, ProgressService.WHOLE_TREE)));
    }

    @GetMapping("/api/v1/warnings/{code}")
    @Operation(summary = "预警通报: units one level below the region behind their milestone schedule, worst gap first")
    List<WarningService.Warning> warnings(@PathVariable String code, @RequestParam(required = false) Integer coverageYear,
                                          @RequestParam(required = false) LocalDate date) {
        RegionCode region = visible(code);
        return warnings.behindSchedule(region, coverageYear == null ? year.current() : coverageYear, date == null ? year.today() : date,
                Optional.of(access.currentUser().getUsername()));
    }

    @GetMapping("/api/v1/snapshots/{code}")
    @Operation(summary = "The kept progress snapshots of a unit, oldest first")
    List<ProgressSnapshot> snapshots(@PathVariable String code, @RequestParam(required = false) Integer coverageYear) {
        return snapshots.history(visible(code), coverageYear == null ? year.current() : coverageYear);
    }

    @GetMapping("/api/v1/lapses/{code}")
    @Operation(summary = "排查 worklist: enrolled last year and not this year, and special groups without enrollment, per village")
    List<LapseCase> lapses(@PathVariable String code, @RequestParam(required = false) Integer coverageYear,
                           @RequestParam(required = false) LapseReason reason,
                           @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        // ID and phone numbers masked like on the pages; the full number is a separate, audited reveal
        return lapses.worklist(visible(code), coverageYear == null ? year.current() : coverageYear, Optional.ofNullable(reason),
                        Math.min(limit, 1000), Math.max(offset, 0)).stream()
                .map(c -> new LapseCase(Masking.maskDocumentNumber(c.idNumber()), c.name(), c.region(), c.contactPhone().map(Masking::maskPhone),
                        c.reason(), c.identities(), c.latestFollowUp()))
                .toList();
    }

    record FollowUpRequest(Integer coverageYear, String idNumber, FollowUpOutcome outcome, String note) {
    }

    @PostMapping(path = "/api/v1/lapses/follow-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the outcome of a door-to-door visit", description = "404 when the person is not on the caller's list")
    ResponseEntity<LapseCase> followUp(@RequestBody FollowUpRequest request) {
        if (request.idNumber() == null || request.outcome() == null) {
            throw new IllegalArgumentException("idNumber and outcome are required");
        }
        if (request.note() != null && request.note().length() > 500) {
            throw new IllegalArgumentException("note: at most 500 characters");
        }
        CurrentUser user = access.currentUser();
        return lapses.recordOutcome(user.region(), request.coverageYear() == null ? year.current() : request.coverageYear(),
                        request.idNumber().trim().toUpperCase(), request.outcome(), Optional.ofNullable(request.note()), user.getUsername())
                .map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    record OfficialTargetRequest(Integer coverageYear, Long count) {
    }

    @PostMapping(path = "/api/v1/progress/{code}/official-target", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Enter the official target count (目标任务数) of a unit below the caller's region")
    ResponseEntity<Void> officialTarget(@PathVariable String code, @RequestBody OfficialTargetRequest request) {
        requireCountyRole();
        RegionCode region = visible(code);
        if (region.equals(access.scope()) && access.currentUser().role() != Role.ADMIN) {
            throw new AccessDeniedException("a unit's own target is set from above");
        }
        if (request.count() == null) {
            throw new IllegalArgumentException("count is required");
        }
        progress.enterOfficialTarget(region, request.coverageYear() == null ? year.current() : request.coverageYear(), request.count(),
                access.currentUser().getUsername());
        return ResponseEntity.noContent().build();
    }

    private RegionCode visible(String code) {
        RegionCode region = RegionCode.of(code);
        access.check(region);
        return region;
    }

    /** Imports, runs and targets are county work: administrators and county staff. */
    private void requireCountyRole() {
        Role role = access.currentUser().role();
        if (role != Role.ADMIN && role != Role.COUNTY_STAFF) {
            throw new AccessDeniedException("county staff only");
        }
    }
}
