package cn.canbao.web.policy;

import java.util.List;

import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.effective.PolicyEntry;
import cn.canbao.policy.version.PolicyVersion;
import cn.canbao.policy.version.ResolvedPolicy;

/** The effective policy of a region and year with the source of every value. */
public record PolicyView(String regionCode, int year, long policyVersionId, List<Source> sources, List<Entry> entries) {

    public record Source(String regionCode, String fileName, long versionId, int version, String createdBy, String reason) {
    }

    public record Entry(String rule, String item, String value, String fromRegion, String fromFile, boolean inherited,
                        CitationView citation) {
    }

    static PolicyView of(ResolvedPolicy resolved) {
        EffectivePolicy policy = resolved.policy();
        return new PolicyView(policy.region().value(), policy.coverageYear(), resolved.effectiveVersionId(),
                resolved.sources().stream().map(PolicyView::source).toList(),
                policy.entries().stream().map(PolicyView::entry).toList());
    }

    private static Source source(PolicyVersion v) {
        return new Source(v.regionCode(), v.fileName(), v.id(), v.version(), v.createdBy(), v.reason());
    }

    static Entry entry(PolicyEntry e) {
        return new Entry(e.rule(), e.item(), e.value(), e.fromRegion(), e.fromFile(), e.inherited(), CitationView.of(e.cite()));
    }
}
