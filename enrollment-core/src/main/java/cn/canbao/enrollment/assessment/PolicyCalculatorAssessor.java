package cn.canbao.enrollment.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import cn.canbao.enrollment.common.ConflictException;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;
import cn.canbao.policy.RefundReason;
import cn.canbao.policy.SubsidyMode;
import cn.canbao.policy.assessment.DueRefund;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.Person;
import cn.canbao.policy.assessment.FunderShare;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;

/**
 * The enrollment ports answered by the policy module's calculator over the policy files
 * (policy-rules {@code policies/*.yaml}). The policy version recorded on an enrollment is the
 * most specific policy file's region and the year, plus a hash of the contents of every file the
 * effective policy inherits from, so a later edit of any of them gives a different version.
 */
public class PolicyCalculatorAssessor implements PremiumAssessor, RefundRules {

    /** An effective policy and the version string an assessment records for it. */
    public record VersionedPolicy(EffectivePolicy policy, String version) {
    }

    /** Where the effective policies come from. */
    @FunctionalInterface
    public interface PolicySource {
        Optional<VersionedPolicy> effective(RegionCode region, int coverageYear);
    }

    private final PolicySource source;

    /** Over fixed policy files; the version is the file hash (see {@link #version}). */
    public PolicyCalculatorAssessor(PolicyCatalog catalog) {
        this((region, year) -> catalog.effective(region, year).map(p -> new VersionedPolicy(p, version(p))));
    }

    /**
     * Over the stored policy versions, so a change saved by county staff is assessed at once; the
     * version recorded is the policy module's effective version id.
     */
    public static PolicyCalculatorAssessor fromVersions(PolicyVersionService versions) {
        return new PolicyCalculatorAssessor((region, year) -> versions.effective(region, year)
                .map(resolved -> new VersionedPolicy(resolved.policy(), String.valueOf(resolved.effectiveVersionId()))));
    }

    private PolicyCalculatorAssessor(PolicySource source) {
        this.source = source;
    }

    private VersionedPolicy policy(String regionCode, int coverageYear) {
        return source.effective(RegionCode.of(regionCode), coverageYear)
                .orElseThrow(() -> new ConflictException("地区" + regionCode + "没有" + coverageYear + "年度的政策，不能核定"));
    }

    static String version(EffectivePolicy policy) {
        String hashes = policy.sources().stream().map(EffectivePolicy.Source::contentHash).collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(hashes.getBytes(StandardCharsets.UTF_8));
            String mostSpecific = policy.sources().stream().map(EffectivePolicy.Source::region)
                    .max(java.util.Comparator.comparingInt(String::length)).orElse(policy.region().value());
            return mostSpecific + "-" + policy.coverageYear() + "@" + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Assessment assess(AssessmentRequest request) {
        VersionedPolicy versioned = policy(request.regionCode(), request.coverageYear());
        EffectivePolicy policy = versioned.policy();
        Person person = Person.of(request.birthDate(), request.category()).withIdentities(request.identities());
        if (request.deceasedNewbornParentName() != null) {
            person = person.diedBeforeRegistration(request.deceasedNewbornParentName());
        }
        cn.canbao.policy.assessment.Assessment result = AssessmentCalculator.assess(policy,
                new cn.canbao.policy.assessment.AssessmentRequest(person, request.assessedOn(), request.assessedOn()));
        if (!result.accepted()) {
            throw new ConflictException("政策核定未通过：" + result.rejection().text(Locale.SIMPLIFIED_CHINESE));
        }
        Map<Funder, Money> subsidies = new EnumMap<>(Funder.class);
        SubsidyMode mode = null;
        for (FunderShare share : result.subsidies()) {
            subsidies.merge(share.funder(), share.amount(), Money::plus);
            if (share.amount().isPositive()) {
                mode = share.mode();
            }
        }
        List<String> reasons = result.explanation().stream()
                .map(e -> e.textWithCitation(Locale.SIMPLIFIED_CHINESE))
                .toList();
        Money refundDue = result.refunds().stream().map(DueRefund::amount).reduce(Money.ZERO, Money::plus);
        String schemeId = mode == null ? null : result.schemeId();
        return new Assessment(versioned.version(), result.personalDue(), subsidies, reasons, result.standardAmount(), schemeId,
                mode, decidingIdentity(policy, schemeId, request.identities()), refundDue);
    }

    /** The first (glossary order) of the person's identities that the applied scheme names, as the batch records it. */
    private static Identity decidingIdentity(EffectivePolicy policy, String schemeId, Set<Identity> held) {
        if (schemeId == null) {
            return null;
        }
        for (SubsidyScheme scheme : policy.subsidySchemes()) {
            if (scheme.id().equals(schemeId)) {
                return (held.isEmpty() ? EnumSet.noneOf(Identity.class) : EnumSet.copyOf(held)).stream()
                        .filter(identity -> scheme.anyOf().contains(identity) || scheme.allOf().contains(identity))
                        .findFirst().orElse(null);
            }
        }
        return null;
    }

    @Override
    public RefundDecision decide(RefundCase refundCase) {
        VersionedPolicy versioned = policy(refundCase.regionCode(), refundCase.coverageYear());
        EffectivePolicy policy = versioned.policy();
        String version = versioned.version();
        RefundReason reason = switch (refundCase.reason()) {
            case "DEATH" -> RefundReason.DEATH;
            case "DUPLICATE" -> RefundReason.DUPLICATE_PAYMENT;
            case "EMPLOYEE_INSURANCE" -> RefundReason.JOINED_EMPLOYEE_INSURANCE;
            case "MOVED_AWAY" -> RefundReason.JOINED_OTHER_REGION;
            default -> null;
        };
        if (reason == null) {
            return new RefundDecision(false, Money.ZERO, "该原因不在政策列举的退费情形内", version);
        }
        if (refundCase.coverageStart() == null) {
            return new RefundDecision(false, Money.ZERO, "待遇享受期未确定，不能退费", version);
        }
        var decision = AssessmentCalculator.refund(policy, reason, refundCase.requestedOn(), refundCase.coverageStart());
        String why = decision.reason() + (decision.citation() == null ? "" : "（" + decision.citation().reference() + "）");
        return decision.allowed()
                ? new RefundDecision(true, refundCase.paid(), why, version)
                : new RefundDecision(false, Money.ZERO, why, version);
    }
}
