package cn.canbao.collection.progress;

import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

/** 呼伦贝尔市 2025 as the policy files define it (呼医保发〔2024〕13号 三, 六（一）, 六（四）), for tests. */
final class HulunbuirTargets {

    static final CollectionTarget TARGET = PolicyTargets.of(PolicyCatalog.fromClasspath()).stream()
            .filter(t -> t.region().equals(RegionCode.of("150700")) && t.coverageYear() == 2025).findFirst().orElseThrow();
    static final MilestoneSchedule SCHEDULE = TARGET.schedule();

    private HulunbuirTargets() {
    }
}
