package cn.canbao.subsidy.whatif;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.canbao.money.Money;
import cn.canbao.policy.FiscalLevel;
import cn.canbao.policy.effective.EffectivePolicy;
import cn.canbao.policy.file.PolicyFile.CitedAmount;
import cn.canbao.policy.file.PolicyFile.FunderPart;
import cn.canbao.policy.file.PolicyFile.Share;
import cn.canbao.policy.file.PolicyFile.SubsidyScheme;
import cn.canbao.policy.fiscal.FiscalSplit;
import cn.canbao.policy.fiscal.FiscalSplitCalculator;
import cn.canbao.policy.fiscal.FiscalSplitNotComputable;
import cn.canbao.policy.fiscal.FiscalSplitResult;
import cn.canbao.policy.fiscal.LevelAmount;
import cn.canbao.region.RegionCode;
import cn.canbao.subsidy.batch.PolicySource;

/**
 * What-if for a county and year: head counts per rule from the stored batch results, the rules and standards from
 * the policy in force, fiscal splits from the policy's calculator. Reads only; stores nothing.
 */
@Service
public class WhatIfService {

    private final JdbcClient jdbc;
    private final PolicySource policies;

    public WhatIfService(JdbcClient jdbc, PolicySource policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    public WhatIfInput baseline(RegionCode county, int coverageYear) {
        EffectivePolicy policy = policies.policy(county, coverageYear);
        Map<String, Long> people = new HashMap<>();
        long[] insured = {0};
        jdbc.sql("""
                SELECT rule_id, count(*) AS n FROM assessment_result
                WHERE coverage_year = :year AND county_code = :county AND accepted GROUP BY rule_id
                """).param("year", coverageYear).param("county", county.value()).query(rs -> {
            insured[0] += rs.getLong("n");
            if (rs.getString("rule_id") != null) {
                people.put(rs.getString("rule_id"), rs.getLong("n"));
            }
        });
        List<RuleGroup> groups = new ArrayList<>();
        for (SubsidyScheme scheme : policy.subsidySchemes()) {
            List<PartRule> parts = new ArrayList<>();
            for (FunderPart part : scheme.funders()) {
                parts.add(part.amount() != null ? PartRule.fixed(part.funder(), scheme.mode(), part.amount())
                        : PartRule.share(part.funder(), scheme.mode(), part.share() == Share.FULL ? PartRule.Share.FULL : PartRule.Share.HALF));
            }
            groups.add(new RuleGroup(scheme.id(), scheme.name(), people.getOrDefault(scheme.id(), 0L), parts));
        }
        CitedAmount personal = policy.personalStandard().orElseThrow(() ->
                new IllegalArgumentException("the policy of " + county + " " + coverageYear + " gives no personal contribution standard"));
        Money fiscalStandard = policy.fiscal().map(f -> f.standard() == null ? null : f.standard().amount()).orElse(null);
        return new WhatIfInput(personal.amount(), fiscalStandard, insured[0], groups);
    }

    public WhatIfResult simulate(RegionCode county, int coverageYear, Scenario scenario) {
        EffectivePolicy policy = policies.policy(county, coverageYear);
        WhatIfInput baseline = baseline(county, coverageYear);
        FiscalSplitter splitter = (standard, count) -> {
            if (standard == null) {
                return split(FiscalSplitCalculator.split(policy, count));
            }
            EffectivePolicy sized = standard.equals(baseline.fiscalStandard()) ? policy
                    : FiscalStandardOverride.withStandard(policies.catalog(), policy, standard);
            return split(FiscalSplitCalculator.split(sized, count));
        };
        return WhatIfSimulator.simulate(baseline, scenario, splitter);
    }

    private static FiscalSplitter.Outcome split(FiscalSplitResult result) {
        if (result instanceof FiscalSplitNotComputable missing) {
            return new FiscalSplitter.Outcome(Map.of(), missing.missing());
        }
        FiscalSplit split = (FiscalSplit) result;
        if (split.levels().isEmpty()) {
            return new FiscalSplitter.Outcome(Map.of(), split.notComputable().isEmpty()
                    ? List.of("the split gives no level amounts") : split.notComputable());
        }
        Map<FiscalLevel, Money> levels = new EnumMap<>(FiscalLevel.class);
        for (LevelAmount level : split.levels()) {
            levels.put(level.level(), level.amount());
        }
        return new FiscalSplitter.Outcome(levels, List.of());
    }
}
