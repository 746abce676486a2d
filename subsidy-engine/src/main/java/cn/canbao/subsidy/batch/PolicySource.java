package cn.canbao.subsidy.batch;

import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

/** Where the subsidy engine gets the policy in force, with the version id its results record. */
public interface PolicySource {

    /** The policy of a region (any level) and coverage year; refused with the reason when there is none. */
    Resolved resolve(RegionCode region, int coverageYear);

    /** The catalog of the policies in force, for the fiscal split calculator. */
    PolicyCatalog catalog();

    default EffectivePolicy policy(RegionCode region, int coverageYear) {
        return resolve(region, coverageYear).policy();
    }

    record Resolved(EffectivePolicy policy, String version) {
    }
}
