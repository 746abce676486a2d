package cn.canbao.subsidy.batch;

import org.springframework.stereotype.Component;

import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;

/** The versioned policies of the policy module: results record the effective version id. */
@Component
class VersionedPolicySource implements PolicySource {

    private final PolicyVersionService versions;

    VersionedPolicySource(PolicyVersionService versions) {
        this.versions = versions;
    }

    @Override
    public Resolved resolve(RegionCode region, int coverageYear) {
        return versions.effective(region, coverageYear)
                .map(resolved -> new Resolved(resolved.policy(), Long.toString(resolved.effectiveVersionId())))
                .orElseThrow(() -> new IllegalArgumentException("no policy covers region " + region + " for coverage year " + coverageYear));
    }

    @Override
    public PolicyCatalog catalog() {
        return versions.catalog();
    }
}
