package cn.canbao.subsidy.batch;

import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyCatalog;

/**
 * Names the policy an assessment used: region, year and a hash over the files it is made of. Any change to any
 * file along the region hierarchy gives another version, so stored results know when they are stale.
 */
public final class PolicyVersion {

    private PolicyVersion() {
    }

    public static String of(EffectivePolicy policy) {
        StringBuilder text = new StringBuilder();
        for (EffectivePolicy.Source source : policy.sources()) {
            text.append(source.fileName()).append('=').append(source.contentHash()).append(';');
        }
        return policy.region() + "-" + policy.coverageYear() + "-" + PolicyCatalog.sha256(text.toString()).substring(0, 16);
    }
}
