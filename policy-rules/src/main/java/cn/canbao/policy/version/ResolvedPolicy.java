package cn.canbao.policy.version;

import java.util.List;

import cn.canbao.policy.effective.EffectivePolicy;

/**
 * The effective policy for a region and year with {@code effectiveVersionId}, the id an assessment records, and the
 * stored file versions it was built from (nearest region first).
 */
public record ResolvedPolicy(EffectivePolicy policy, long effectiveVersionId, List<PolicyVersion> sources) {
}
