package cn.canbao.enrollment.enrollment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.enrollment.assessment.Assessment;
import cn.canbao.enrollment.assessment.AssessmentRequest;
import cn.canbao.enrollment.assessment.PremiumAssessor;
import cn.canbao.enrollment.assessment.RefundCase;
import cn.canbao.enrollment.assessment.RefundDecision;
import cn.canbao.enrollment.assessment.RefundRules;
import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.enrollment.common.FieldProblem;
import cn.canbao.enrollment.common.InvalidRequestException;
import cn.canbao.enrollment.common.NotFoundException;
import cn.canbao.enrollment.common.RegionScope;
import cn.canbao.enrollment.identity.IdentityRepository;
import cn.canbao.enrollment.person.PersonName;
import cn.canbao.enrollment.resident.Resident;
import cn.canbao.enrollment.resident.ResidentRepository;
import cn.canbao.money.Money;
import cn.canbao.policy.Identity;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionLevel;

/**
 * The yearly enrollment lifecycle: registration, assessment by the policy, payment, coverage,
 * suspension and termination, re-assessment after identity changes, refunds and settlements.
 * Every change is audited in its transaction; every refusal leaves the data unchanged.
 */
@Service
public class EnrollmentService {

    private final EnrollmentRepository enrollments;
    private final AssessmentResultRepository assessmentResults;
    private final RefundRepository refunds;
    private final ResidentRepository residents;
    private final IdentityRepository identities;
    private final ObjectProvider<PremiumAssessor> assessor;
    private final ObjectProvider<RefundRules> refundRules;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    public EnrollmentService(EnrollmentRepository enrollments, AssessmentResultRepository assessmentResults,
            RefundRepository refunds, ResidentRepository residents, IdentityRepository identities,
            ObjectProvider<PremiumAssessor> assessor, ObjectProvider<RefundRules> refundRules, AuditLog audit, JdbcClient jdbc,
            Clock clock) {
        this.enrollments = enrollments;
        this.assessmentResults = assessmentResults;
        this.refunds = refunds;
        this.residents = residents;
        this.identities = identities;
        this.assessor = assessor;
        this.refundRules = refundRules;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * 参保登记. The database allows one active enrollment per person and year across all regions;
     * a second one is refused with the place where the person is already enrolled.
     */
    @Transactional
    public Enrollment enroll(Actor actor, EnrollRequest request) {
        Resident resident = residents.findById(request.residentId())
                .orElseThrow(() -> InvalidRequestException.of("residentId", "居民不存在"));
        RegionScope.check(actor, resident.regionCode(), "该居民");
        String regionCode = request.regionCode() == null || request.regionCode().isBlank()
                ? resident.regionCode() : request.regionCode().strip();
        RegionCode region;
        try {
            region = RegionCode.of(regionCode);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("regionCode", "地区代码无效");
        }
        if (region.level() != RegionLevel.TOWNSHIP && region.level() != RegionLevel.VILLAGE) {
            throw InvalidRequestException.of("regionCode", "参保地区应为乡镇（街道）或村（社区）");
        }
        RegionScope.check(actor, regionCode, "该地区");
        // A person enrolls in the county where they are registered: the enrollment's rows live with the resident's.
        if (!region.countyCode().equals(resident.countyCode())) {
            throw InvalidRequestException.of("regionCode", "参保地区应在居民登记地所在县（区）（" + resident.countyCode() + "）内");
        }
        if (!residents.regionExists(regionCode)) {
            throw InvalidRequestException.of("regionCode", "地区代码" + regionCode + "不存在");
        }
        EnrollmentFlow flow = request.flow() != null ? request.flow()
                : enrollments.paidIn(resident.id(), request.coverageYear() - 1) ? EnrollmentFlow.RENEWAL : EnrollmentFlow.NEW_OR_LAPSED;
        List<FieldProblem> problems = EnrollmentRules.check(resident, flow, request.coverageYear(), request.school(), today());
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String school = request.school() == null || request.school().isBlank() ? resident.school() : request.school().strip();
        Long id = jdbc.sql("""
                INSERT INTO enrollment (coverage_year, county_code, region_code, resident_id, person_key, category, flow,
                    school, status, registered_by)
                VALUES (:year, :county, :region, :resident, :key, :category, :flow, :school, 'REGISTERED', :by)
                ON CONFLICT (person_key, coverage_year) WHERE status IN ('REGISTERED', 'ASSESSED', 'PAID', 'COVERED')
                DO NOTHING
                RETURNING id
                """)
                .param("year", request.coverageYear()).param("county", region.county().orElseThrow().value())
                .param("region", regionCode).param("resident", resident.id()).param("key", resident.personKey().value())
                .param("category", resident.category().name()).param("flow", flow.name())
                .param("school", school, java.sql.Types.VARCHAR).param("by", actor.username())
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            throw duplicate(resident.personKey().value(), request.coverageYear());
        }
        Enrollment created = enrollments.find(id, request.coverageYear()).orElseThrow();
        audit.record(actor, AuditEntry.success("ENROLLMENT_REGISTERED", "enrollment", key(created), regionCode, null,
                created.auditState()));
        return created;
    }

    private ConflictException duplicate(String personKey, int year) {
        return enrollments.describeActive(personKey, year)
                .map(where -> new ConflictException("该人员" + year + "年度已在" + where.place() + "参保（"
                        + where.status().chineseName() + "），不能重复参保"))
                .orElseGet(() -> new ConflictException("该人员" + year + "年度已有有效参保记录，不能重复参保"));
    }

    private static String key(Enrollment e) {
        return e.coverageYear() + "/" + e.id();
    }

    public Enrollment get(Actor actor, long id, int coverageYear) {
        Enrollment enrollment = enrollments.find(id, coverageYear)
                .orElseThrow(() -> new NotFoundException("参保记录不存在：" + coverageYear + "/" + id));
        RegionScope.check(actor, enrollment.regionCode(), "该参保记录");
        return enrollment;
    }

    private Enrollment lockInScope(Actor actor, long id, int coverageYear) {
        Enrollment enrollment = enrollments.lock(id, coverageYear)
                .orElseThrow(() -> new NotFoundException("参保记录不存在：" + coverageYear + "/" + id));
        RegionScope.check(actor, enrollment.regionCode(), "该参保记录");
        return enrollment;
    }

    public List<Enrollment> ofResident(Actor actor, long residentId) {
        Resident resident = residents.findById(residentId).orElseThrow(() -> new NotFoundException("居民不存在：" + residentId));
        RegionScope.check(actor, resident.regionCode(), "该居民");
        return enrollments.ofResident(residentId).stream().filter(e -> actor.mayAccess(e.regionCode())).toList();
    }

    /** 核定: amounts from the policy, recorded with the policy version. Allowed while not yet paid. */
    @Transactional
    public Enrollment assess(Actor actor, long id, int coverageYear) {
        enrollments.countyOf(id, coverageYear).ifPresent(county -> assessmentResults.lock(county, coverageYear));
        Enrollment before = lockInScope(actor, id, coverageYear);
        if (before.status() != EnrollmentStatus.REGISTERED && before.status() != EnrollmentStatus.ASSESSED) {
            throw new ConflictException("当前状态（" + before.status().chineseName() + "）不能核定");
        }
        return applyAssessment(actor, before, "ENROLLMENT_ASSESSED");
    }

    /** Stores the policy's assessment as the enrollment's current one ({@code assessment_result}); the enrollment row stays. */
    private Enrollment applyAssessment(Actor actor, Enrollment before, String action) {
        Resident resident = residents.findById(before.residentId()).orElseThrow();
        Assessment assessment = assessmentFor(before, resident);
        assessmentResults.save(before, assessment);
        Enrollment after = enrollments.find(before.id(), before.coverageYear()).orElseThrow();
        Map<String, Object> state = new LinkedHashMap<>(after.auditState());
        state.put("reasons", assessment.reasons());
        audit.record(actor, AuditEntry.success(action, "enrollment", key(after), after.regionCode(), before.auditState(), state));
        return after;
    }

    private Assessment assessmentFor(Enrollment enrollment, Resident resident) {
        PremiumAssessor policy = assessor.getIfAvailable();
        if (policy == null) {
            throw new ConflictException("核定服务（政策计算）未配置，暂不能核定");
        }
        Set<Identity> held = identities.inForce(resident.personKey(), enrollment.countyCode(), enrollment.coverageYear(), today());
        return policy.assess(new AssessmentRequest(enrollment.regionCode(), enrollment.coverageYear(), enrollment.category(),
                held, resident.birthDate(), today(), enrollment.flow() == EnrollmentFlow.NEWBORN_DIED_BEFORE_REGISTRATION
                        ? resident.name().substring(0, resident.name().length() - PersonName.DECEASED_NEWBORN_SUFFIX.length())
                        : null));
    }

    /** The outcome of re-assessing one person after an identity change. */
    public record Reassessment(Enrollment enrollment, RefundRequest settlement) {
    }

    /**
     * After an identity change: before payment the enrollment is assessed again; after payment
     * the new assessment is recorded and the difference goes to the settlement list.
     */
    @Transactional
    public List<Reassessment> reassess(Actor actor, Collection<Long> residentIds, int coverageYear) {
        List<Reassessment> results = new ArrayList<>();
        for (Long residentId : residentIds) {
            // Lock the rows and their county-year assessment lock (AssessmentResultRepository.lock), then read them with
            // their current assessment (a view with an outer join cannot be locked).
            jdbc.sql("""
                    SELECT county_code FROM enrollment WHERE resident_id = :id AND coverage_year = :year
                      AND status IN ('REGISTERED', 'PAID', 'COVERED') ORDER BY county_code FOR UPDATE
                    """).param("id", residentId).param("year", coverageYear).query(String.class).list().stream().distinct()
                    .forEach(county -> assessmentResults.lock(county, coverageYear));
            List<Enrollment> active = jdbc.sql("""
                    SELECT * FROM enrollment_with_assessment WHERE resident_id = :id AND coverage_year = :year
                      AND status IN ('ASSESSED', 'PAID', 'COVERED')
                    """).param("id", residentId).param("year", coverageYear).query(EnrollmentRepository.MAPPER).list();
            for (Enrollment before : active) {
                Enrollment after = applyAssessment(actor, before, "ENROLLMENT_REASSESSED");
                RefundRequest settlement = null;
                if (after.paid() != null) {
                    Money owedToPayer = after.paid().minus(after.personalDue());
                    Money difference = owedToPayer.minus(refunds.openSettlementTotal(after.id(), coverageYear));
                    if (difference.fen() != 0) {
                        settlement = settle(actor, after, "IDENTITY_CHANGED", difference, after.policyVersion());
                    }
                }
                results.add(new Reassessment(after, settlement));
            }
        }
        return results;
    }

    private RefundRequest settle(Actor actor, Enrollment enrollment, String reason, Money amount, String policyVersion) {
        long id = refunds.insert(RefundRequest.Kind.SETTLEMENT, enrollment, reason, amount, OffsetDateTime.now(clock),
                actor.username(), policyVersion);
        RefundRequest created = refunds.lock(id).orElseThrow();
        audit.record(actor, AuditEntry.success("SETTLEMENT_LISTED", "refund_request", id, enrollment.regionCode(), null,
                Map.of("enrollment", key(enrollment), "reason", reason, "amountFen", amount.fen())));
        return created;
    }

    /**
     * A payment from the collection side. Renewals may pay without a visit (乌政办发〔2023〕81号 五 注):
     * a person who paid last year and has no enrollment yet is registered and assessed here. New
     * and lapsed participants must have been registered and assessed by the agency first
     * (呼医保发〔2024〕13号 五（三）). The same reference twice changes nothing.
     */
    @Transactional
    public Enrollment recordPayment(Actor actor, PaymentRecord payment) {
        Objects.requireNonNull(payment.amount(), "amount");
        // A renewal may be assessed below: take the county-year lock before the first read of the assessment view.
        Resident payer = residents.findByPersonKey(new cn.canbao.enrollment.person.PersonKey(payment.personKey())).orElse(null);
        enrollments.activeCountyOf(payment.personKey(), payment.coverageYear())
                .or(() -> Optional.ofNullable(payer).map(Resident::countyCode))
                .ifPresent(county -> assessmentResults.lock(county, payment.coverageYear()));
        Enrollment enrollment = enrollments.findActive(payment.personKey(), payment.coverageYear()).orElse(null);
        if (enrollment == null) {
            Resident resident = Optional.ofNullable(payer)
                    .orElseThrow(() -> new ConflictException("未登记的人员不能缴费，请先到医保经办机构办理参保登记"));
            if (!enrollments.paidIn(resident.id(), payment.coverageYear() - 1)) {
                throw new ConflictException("断保或新参保人员须先到医保经办机构进行参保登记和费用核定后再缴费");
            }
            enrollment = enroll(actor, new EnrollRequest(resident.id(), payment.coverageYear(), EnrollmentFlow.RENEWAL, null, null));
        }
        enrollment = lockInScope(actor, enrollment.id(), enrollment.coverageYear());
        if (enrollment.status().paid()) {
            if (Objects.equals(enrollment.paymentReference(), payment.reference())) {
                return enrollment;
            }
            throw new ConflictException("该人员" + payment.coverageYear() + "年度已缴费，请勿重复缴费");
        }
        if (enrollment.status() == EnrollmentStatus.REGISTERED) {
            if (enrollment.flow() != EnrollmentFlow.RENEWAL) {
                throw new ConflictException("尚未核定应缴金额，请先到医保经办机构核定后缴费");
            }
            enrollment = applyAssessment(actor, enrollment, "ENROLLMENT_ASSESSED");
        }
        if (payment.amount().compareTo(enrollment.personalDue()) < 0) {
            throw new ConflictException("缴费金额" + payment.amount() + "少于核定金额" + enrollment.personalDue());
        }
        Resident resident = residents.findById(enrollment.residentId()).orElseThrow();
        LocalDate paidOn = payment.paidAt().atZoneSameInstant(clock.getZone()).toLocalDate();
        LocalDate start = EnrollmentRules.coverageStart(enrollment.flow(), resident.birthDate(), enrollment.coverageYear(), paidOn);
        EnrollmentStatus status = start.isAfter(today()) ? EnrollmentStatus.PAID : EnrollmentStatus.COVERED;
        enrollments.savePayment(enrollment.id(), enrollment.coverageYear(), status, payment.paidAt(), payment.amount(),
                payment.reference(), start, LocalDate.of(enrollment.coverageYear(), 12, 31));
        Enrollment after = enrollments.find(enrollment.id(), enrollment.coverageYear()).orElseThrow();
        audit.record(actor, AuditEntry.success("ENROLLMENT_PAID", "enrollment", key(after), after.regionCode(),
                enrollment.auditState(), after.auditState()));
        Money overpaid = payment.amount().minus(enrollment.personalDue());
        if (overpaid.fen() > 0) {
            settle(actor, after, "OVERPAID", overpaid, after.policyVersion());
        }
        return after;
    }

    /**
     * The payment an enrollment was marked paid by was reversed (冲正) at the tax bureau: the enrollment
     * goes back to assessed and waits for money again. Only the payment with this reference is undone,
     * so the call is idempotent and never touches a payment recorded by another reference. Returns the
     * enrollment moved back, or empty when nothing was paid by that reference.
     */
    @Transactional
    public Optional<Enrollment> reversePayment(Actor actor, String personKey, int coverageYear, String reference) {
        Enrollment found = enrollments.findActive(personKey, coverageYear).orElse(null);
        if (found == null || !found.status().paid() || !Objects.equals(found.paymentReference(), reference)) {
            return Optional.empty();
        }
        Enrollment before = lockInScope(actor, found.id(), found.coverageYear());
        if (!before.status().paid() || !Objects.equals(before.paymentReference(), reference)) {
            return Optional.empty();
        }
        enrollments.clearPayment(before.id(), before.coverageYear());
        Enrollment after = enrollments.find(before.id(), before.coverageYear()).orElseThrow();
        audit.record(actor, AuditEntry.success("ENROLLMENT_PAYMENT_REVERSED", "enrollment", key(after), after.regionCode(),
                before.auditState(), after.auditState()));
        return Optional.of(after);
    }

    /** 暂停 (e.g. joined employee insurance, moved away): the enrollment stops counting as active. */
    @Transactional
    public Enrollment suspend(Actor actor, long id, int coverageYear, EndReason reason, LocalDate on, String note) {
        return end(actor, id, coverageYear, EnrollmentStatus.SUSPENDED, reason, on, note);
    }

    /** 终止 (death, duplicate, employee insurance ...). */
    @Transactional
    public Enrollment terminate(Actor actor, long id, int coverageYear, EndReason reason, LocalDate on, String note) {
        return end(actor, id, coverageYear, EnrollmentStatus.TERMINATED, reason, on, note);
    }

    private Enrollment end(Actor actor, long id, int coverageYear, EnrollmentStatus status, EndReason reason, LocalDate on,
            String note) {
        List<FieldProblem> problems = new ArrayList<>();
        if (reason == null) {
            problems.add(new FieldProblem("reason", "请选择原因"));
        }
        if (on == null) {
            problems.add(new FieldProblem("date", "请填写日期"));
        } else if (on.isAfter(today().plusDays(31))) {
            problems.add(new FieldProblem("date", "日期不能晚于一个月之后"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Enrollment before = lockInScope(actor, id, coverageYear);
        if (!before.status().active() && !(before.status() == EnrollmentStatus.SUSPENDED && status == EnrollmentStatus.TERMINATED)) {
            throw new ConflictException("当前状态（" + before.status().chineseName() + "）不能" + (status == EnrollmentStatus.SUSPENDED ? "暂停" : "终止"));
        }
        enrollments.saveEnd(id, coverageYear, status, on, reason, note == null || note.isBlank() ? null : note.strip());
        Enrollment after = enrollments.find(id, coverageYear).orElseThrow();
        audit.record(actor, AuditEntry.success(status == EnrollmentStatus.SUSPENDED ? "ENROLLMENT_SUSPENDED" : "ENROLLMENT_TERMINATED",
                "enrollment", key(after), after.regionCode(), before.auditState(), after.auditState()));
        return after;
    }

    /**
     * A payer asks for the contribution back when the enrollment is suspended or terminated
     * (怀远县2025年度居民医保参保缴费工作方案 四（二）); the request is decided later by {@link #decideRefund}.
     */
    @Transactional
    public RefundRequest requestRefund(Actor actor, long id, int coverageYear) {
        Enrollment enrollment = lockInScope(actor, id, coverageYear);
        if (enrollment.paid() == null) {
            throw new ConflictException("未缴费，无需退费");
        }
        if (enrollment.status().active()) {
            throw new ConflictException("须先暂停或终止参保关系，再申请退费");
        }
        boolean open = refunds.ofEnrollment(id, coverageYear).stream()
                .anyMatch(r -> r.kind() == RefundRequest.Kind.REFUND && r.status() != RefundRequest.Status.REJECTED);
        if (open) {
            throw new ConflictException("已有退费申请");
        }
        long refundId = refunds.insert(RefundRequest.Kind.REFUND, enrollment, enrollment.endReason().name(), enrollment.paid(),
                OffsetDateTime.now(clock), actor.username(), null);
        RefundRequest created = refunds.lock(refundId).orElseThrow();
        audit.record(actor, AuditEntry.success("REFUND_REQUESTED", "refund_request", refundId, enrollment.regionCode(), null,
                Map.of("enrollment", key(enrollment), "amountFen", created.amount().fen())));
        return created;
    }

    /** Decides a refund request with the policy's refund rules; the decision and its reason are recorded. */
    @Transactional
    public RefundRequest decideRefund(Actor actor, long refundId) {
        RefundRequest request = refunds.lock(refundId).orElseThrow(() -> new NotFoundException("退费申请不存在：" + refundId));
        RegionScope.check(actor, request.regionCode(), "该退费申请");
        if (request.status() != RefundRequest.Status.REQUESTED) {
            throw new ConflictException("该申请已处理");
        }
        Enrollment enrollment = enrollments.find(request.enrollmentId(), request.coverageYear()).orElseThrow();
        RefundRequest.Status status;
        Money amount;
        String reason;
        String policyVersion;
        if (request.kind() == RefundRequest.Kind.SETTLEMENT) {
            status = RefundRequest.Status.APPROVED;
            amount = request.amount();
            reason = "核定差额结算";
            policyVersion = enrollment.policyVersion();
        } else {
            RefundRules rules = refundRules.getIfAvailable();
            if (rules == null) {
                throw new ConflictException("退费规则（政策计算）未配置，暂不能审核");
            }
            RefundDecision decision = rules.decide(new RefundCase(enrollment.regionCode(), enrollment.coverageYear(),
                    request.reason(), request.requestedAt().atZoneSameInstant(clock.getZone()).toLocalDate(),
                    enrollment.coverageStart(), enrollment.paid()));
            status = decision.allowed() ? RefundRequest.Status.APPROVED : RefundRequest.Status.REJECTED;
            amount = decision.allowed() ? decision.amount() : request.amount();
            reason = decision.reason();
            policyVersion = decision.policyVersion();
        }
        refunds.decide(refundId, status, amount, actor.username(), reason, policyVersion);
        RefundRequest after = refunds.lock(refundId).orElseThrow();
        audit.record(actor, AuditEntry.success("REFUND_DECIDED", "refund_request", refundId, request.regionCode(),
                Map.of("status", request.status().name()), Map.of("status", status.name(), "amountFen", amount.fen(),
                        "reason", reason)));
        return after;
    }

    /** The refund requests and settlement items of one enrollment, oldest first. */
    public List<RefundRequest> refundsOf(Actor actor, long id, int coverageYear) {
        get(actor, id, coverageYear);
        return refunds.ofEnrollment(id, coverageYear);
    }

    public List<RefundRequest> refundList(Actor actor, String regionCode, int coverageYear, RefundRequest.Status status) {
        return refunds.list(RegionScope.narrow(actor, regionCode), coverageYear, status, 500);
    }

    /** Moves the paid enrollments of the actor's region whose coverage has begun to COVERED (run nightly). */
    @Transactional
    public int startDueCoverage(Actor actor) {
        int moved = enrollments.startDueCoverage(actor.region(), today());
        if (moved > 0) {
            audit.record(actor, AuditEntry.success("COVERAGE_STARTED", "enrollment", null, actor.region().value(), null,
                    Map.of("count", moved, "date", today().toString())));
        }
        return moved;
    }
}
