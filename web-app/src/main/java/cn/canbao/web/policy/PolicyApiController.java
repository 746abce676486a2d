package cn.canbao.web.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.canbao.policy.assessment.AssessmentCalculator;
import cn.canbao.policy.assessment.AssessmentRequest;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.policy.version.ResolvedPolicy;
import cn.canbao.region.RegionCode;
import cn.canbao.web.security.RegionAccess;

/** The effective policy of a region and year, and the assessment calculator, for programs. */
@RestController
@Tag(name = "policies", description = "政策与核定 / policy rules and assessment")
class PolicyApiController {

    private final PolicyVersionService policies;
    private final RegionAccess access;

    PolicyApiController(PolicyVersionService policies, RegionAccess access) {
        this.policies = policies;
        this.access = access;
    }

    @GetMapping("/api/v1/policies/{regionCode}/{year}")
    @Operation(summary = "The effective policy of a region and coverage year",
            description = "Every rule with its value, the file (region) it is inherited from and its citation. "
                    + "404 when no policy covers the region and year; 403 outside the caller's region.")
    PolicyView policy(@PathVariable String regionCode, @PathVariable int year) {
        return PolicyView.of(resolve(RegionCode.of(regionCode), year));
    }

    @PostMapping("/api/v1/assessments/preview")
    @Operation(summary = "Assess one person without storing anything",
            description = "Accepted or not on the payment date and why, the standard, the personal amount due now, each funder's "
                    + "part and mode, refunds due later, coverage start and end, waiting period, the rule applied and every citation. "
                    + "Amounts are strings with two decimals.")
    AssessmentPreviewResponse preview(@RequestBody AssessmentPreviewRequest body) {
        RegionCode region = body.region();
        access.check(region);
        AssessmentRequest request = body.toRequest();
        ResolvedPolicy resolved = resolve(region, body.year());
        return AssessmentPreviewResponse.of(AssessmentCalculator.assess(resolved.policy(), request), resolved.effectiveVersionId(),
                LocaleContextHolder.getLocale());
    }

    private ResolvedPolicy resolve(RegionCode region, int year) {
        access.check(region);
        return policies.effective(region, year).orElseThrow(() -> new NoPolicyException(region, year));
    }
}
