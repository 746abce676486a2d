package cn.canbao.web.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.canbao.enrollment.assessment.AssessmentRequest;
import cn.canbao.enrollment.assessment.PremiumAssessor;
import cn.canbao.enrollment.assessment.RefundCase;
import cn.canbao.enrollment.assessment.RefundDecision;
import cn.canbao.enrollment.assessment.RefundRules;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.RefundReason;
import cn.canbao.policy.assessment.Assessment;
import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.FunderShare;
import cn.canbao.policy.assessment.Person;
import cn.canbao.policy.assessment.RejectionReason;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.policy.version.ResolvedPolicy;
import cn.canbao.region.RegionCode;

/**
 * Plugs the policy calculator into enrollment's ports (核定 and 退费): enrollment-core may not depend on the web
 * app and policy-rules may not depend on enrollment-core, so the adapter lives where both are visible. The policy
 * version recorded is the effective version id of {@link PolicyVersionService}.
 */
@Component
class PolicyEnrollmentAdapter implements PremiumAssessor, RefundRules {

    private static final Set<RejectionReason> DATE_ONLY = EnumSet.of(RejectionReason.BEFORE_COLLECTION_WINDOW,
            RejectionReason.AFTER_COLLECTION_WINDOW, RejectionReason.AFTER_COVERAGE_PERIOD);

    private final PolicyVersionService policies;

    PolicyEnrollmentAdapter(PolicyVersionService policies) {
        this.policies = policies;
    }

    @Override
    public cn.canbao.enrollment.assessment.Assessment assess(AssessmentRequest request) {
        ResolvedPolicy resolved = resolve(request.regionCode(), request.coverageYear());
        Person person = Person.of(request.birthDate(), request.category()).withIdentities(request.identities());
        Assessment assessment = AssessmentCalculator.assess(resolved.policy(),
                cn.canbao.policy.assessment.AssessmentRequest.paidOn(person, request.assessedOn()));
        List<String> reasons = new ArrayList<>();
        if (!assessment.accepted() && DATE_ONLY.contains(assessment.rejectionReason())) {
            // 核定 fixes the amounts; whether a payment is accepted is decided on the day it is paid.
            LocalDate inWindow = resolved.policy().collectionWindow().map(w -> w.start())
                    .or(() -> resolved.policy().coveragePeriod().map(p -> p.start())).orElse(request.assessedOn());
            reasons.add("A payment on " + request.assessedOn() + " would not be accepted (" + assessment.rejectionMessage()
                    + "); amounts as for a payment on " + inWindow);
            assessment = AssessmentCalculator.assess(resolved.policy(), cn.canbao.policy.assessment.AssessmentRequest.paidOn(person, inWindow));
        }
        if (!assessment.accepted()) {
            throw new IllegalArgumentException("不能核定 / not assessable: " + assessment.rejectionMessage());
        }
        assessment.explanation().forEach(e -> reasons.add(e.toString()));
        Map<Funder, Money> subsidies = new EnumMap<>(Funder.class);
        for (FunderShare share : assessment.subsidies()) {
            subsidies.merge(share.funder(), share.amount(), Money::plus);
        }
        return new cn.canbao.enrollment.assessment.Assessment(String.valueOf(resolved.effectiveVersionId()),
                assessment.personalDue(), subsidies, reasons);
    }

    @Override
    public RefundDecision decide(RefundCase refundCase) {
        ResolvedPolicy resolved = resolve(refundCase.regionCode(), refundCase.coverageYear());
        String version = String.valueOf(resolved.effectiveVersionId());
        Optional<RefundReason> reason = reasonOf(refundCase.reason());
        LocalDate coverageStart = refundCase.coverageStart() != null ? refundCase.coverageStart()
                : resolved.policy().coveragePeriod().map(p -> p.start()).orElse(null);
        if (reason.isEmpty() || coverageStart == null) {
            return new RefundDecision(false, refundCase.paid(), "the policy lists no refund for reason " + refundCase.reason(), version);
        }
        cn.canbao.policy.assessment.RefundDecision decision = AssessmentCalculator.refund(resolved.policy(), reason.get(),
                refundCase.requestedOn(), coverageStart);
        String because = decision.reason() + (decision.citation() == null ? "" : " — " + decision.citation());
        return new RefundDecision(decision.allowed(), refundCase.paid(), because, version);
    }

    /** Enrollment's end reasons (EndReason names) as the policy's refund reasons; others have no refund rule. */
    private static Optional<RefundReason> reasonOf(String endReason) {
        return Optional.ofNullable(switch (endReason == null ? "" : endReason) {
            case "DEATH" -> RefundReason.DEATH;
            case "DUPLICATE" -> RefundReason.DUPLICATE_PAYMENT;
            case "EMPLOYEE_INSURANCE" -> RefundReason.JOINED_EMPLOYEE_INSURANCE;
            case "MOVED_AWAY" -> RefundReason.JOINED_OTHER_REGION;
            default -> null;
        });
    }

    private ResolvedPolicy resolve(String regionCode, int year) {
        RegionCode region = RegionCode.of(regionCode);
        return policies.effective(region, year)
                .orElseThrow(() -> new IllegalArgumentException("no policy covers region " + region + " for coverage year " + year));
    }
}
