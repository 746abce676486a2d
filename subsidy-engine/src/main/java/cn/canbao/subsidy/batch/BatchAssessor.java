package cn.canbao.subsidy.batch;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.SubsidyMode;
import cn.canbao.policy.assessment.Assessment;
import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.AssessmentRequest;
import cn.canbao.policy.assessment.DueRefund;
import cn.canbao.policy.assessment.FunderShare;
import cn.canbao.policy.assessment.Person;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;

/**
 * Assesses enrollments of one region and year with the policy calculator and turns each answer into a row to
 * store. Pure and thread-safe once built: resolve the policy once, then call {@link #assess} for every enrollment.
 */
public final class BatchAssessor {

    /** Rejection of an enrollment whose resident has no birth date: the calculator needs one for every person. */
    public static final String MISSING_BIRTH_DATE = "MISSING_BIRTH_DATE";

    private final EffectivePolicy policy;
    private final String policyVersion;
    private final Map<String, SubsidyScheme> schemes = new HashMap<>();

    /** @param policyVersion the version id results record (the effective policy version of the policy module) */
    public BatchAssessor(EffectivePolicy policy, String policyVersion) {
        this.policy = policy;
        this.policyVersion = policyVersion;
        for (SubsidyScheme scheme : policy.subsidySchemes()) {
            schemes.put(scheme.id(), scheme);
        }
    }

    public String policyVersion() {
        return policyVersion;
    }

    public EffectivePolicy policy() {
        return policy;
    }

    public AssessmentRow assess(AssessmentInput input) {
        return assess(input, input.fingerprint(policyVersion));
    }

    public AssessmentRow assess(AssessmentInput input, long fingerprint) {
        if (input.birthDate() == null) {
            return new AssessmentRow(input.enrollmentId(), input.regionCode(), fingerprint, false, MISSING_BIRTH_DATE, null,
                    Money.ZERO, null, null, null, Map.of(), Money.ZERO, input.personPaid());
        }
        Person person = new Person(input.birthDate(), input.category(), input.identities(), input.familyRole(), 0, 0,
                null, false, null);
        Assessment assessment = AssessmentCalculator.assess(policy, AssessmentRequest.paidOn(person, input.asOf()));
        if (!assessment.accepted()) {
            return new AssessmentRow(input.enrollmentId(), input.regionCode(), fingerprint, false, assessment.rejectionReason().name(),
                    assessment.standardAmount(), Money.ZERO, null, null, null, Map.of(), Money.ZERO, input.personPaid());
        }
        Map<Funder, Money> parts = new EnumMap<>(Funder.class);
        SubsidyMode mode = null;
        for (FunderShare share : assessment.subsidies()) {
            if (share.amount().isPositive()) {
                parts.merge(share.funder(), share.amount(), Money::plus);
                mode = share.mode();
            }
        }
        Money refundDue = Money.ZERO;
        for (DueRefund refund : assessment.refunds()) {
            refundDue = refundDue.plus(refund.amount());
        }
        String ruleId = parts.isEmpty() ? null : assessment.schemeId();
        return new AssessmentRow(input.enrollmentId(), input.regionCode(), fingerprint, true, null, assessment.standardAmount(),
                assessment.personalDue(), mode, ruleId, decidingIdentity(ruleId, input), parts, refundDue, input.personPaid());
    }

    /** The first (glossary order) of the person's identities that the applied scheme names. */
    private Identity decidingIdentity(String ruleId, AssessmentInput input) {
        SubsidyScheme scheme = ruleId == null ? null : schemes.get(ruleId);
        if (scheme == null) {
            return null;
        }
        for (Identity identity : input.identities()) {
            if (scheme.anyOf().contains(identity) || scheme.allOf().contains(identity)) {
                return identity;
            }
        }
        return null;
    }

    /** The scheme's name and citation, for statements. */
    public SubsidyScheme scheme(String ruleId) {
        return schemes.get(ruleId);
    }

    public List<SubsidyScheme> schemes() {
        return policy.subsidySchemes();
    }
}
