package cn.canbao.collection.progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;

/**
 * Collection targets and milestones per region and year. The policy files are their only source
 * ({@link PolicyTargets}): the tables are rewritten from the latest policy versions at start (right after
 * the policy files are loaded) and again whenever the policy versions changed since (a county user's
 * revision), before targets are read. Each row records the effective policy version it came from.
 */
@Repository
public class TargetRepository implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TargetRepository.class);

    private final JdbcTemplate jdbc;
    private final ObjectProvider<PolicyVersionService> policies;
    private final TransactionTemplate ownTransaction;
    private volatile PolicyCatalog syncedFrom;

    public TargetRepository(JdbcTemplate jdbc, ObjectProvider<PolicyVersionService> policies, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void run(ApplicationArguments args) {
        syncWithPolicy();
    }

    /** Right after the policy files are stored as versions (which run first). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    /** Rewrites the targets from the policy when the policy versions changed since the last time. */
    public void syncWithPolicy() {
        PolicyVersionService service = policies.getIfAvailable();
        if (service == null || service.catalog() == syncedFrom) {
            return;
        }
        synchronized (this) {
            PolicyCatalog catalog = service.catalog();
            if (catalog == syncedFrom) {
                return;
            }
            List<CollectionTarget> targets = PolicyTargets.of(catalog);
            ownTransaction.executeWithoutResult(status -> replace(targets, service));
            syncedFrom = catalog;
            log.info("Collection targets from the policy: {} region-year(s)", targets.size());
        }
    }

    private void replace(List<CollectionTarget> targets, PolicyVersionService service) {
        // Everything a policy wrote before goes, so a target removed from a file is removed here too.
        jdbc.update("DELETE FROM collection_milestone m USING collection_target t WHERE m.region_code = t.region_code "
                + "AND m.coverage_year = t.coverage_year AND t.source_policy_version IS NOT NULL");
        jdbc.update("DELETE FROM collection_target WHERE source_policy_version IS NOT NULL");
        for (CollectionTarget target : targets) {
            long version = service.effective(target.region(), target.coverageYear()).orElseThrow().effectiveVersionId();
            jdbc.update("DELETE FROM collection_milestone WHERE region_code = ? AND coverage_year = ?", target.region().value(), target.coverageYear());
            jdbc.update("DELETE FROM collection_target WHERE region_code = ? AND coverage_year = ?", target.region().value(), target.coverageYear());
            jdbc.update("INSERT INTO collection_target (region_code, coverage_year, base_rule, target_rate, special_target_rate, window_start, "
                            + "citation, source_policy_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    target.region().value(), target.coverageYear(), target.baseRule().name(), target.targetRate(),
                    target.specialTargetRate().orElse(null), target.schedule().windowStart(), target.citation(), version);
            for (Milestone m : target.schedule().milestones()) {
                jdbc.update("INSERT INTO collection_milestone (region_code, coverage_year, due, required_share, citation) VALUES (?, ?, ?, ?, ?)",
                        target.region().value(), target.coverageYear(), m.due(), m.requiredShare(), m.citation());
            }
        }
    }

    /** Every region's target for the year, with its milestones. */
    public Map<RegionCode, CollectionTarget> forYear(int coverageYear) {
        syncWithPolicy();
        Map<RegionCode, List<Milestone>> milestones = new HashMap<>();
        jdbc.query("SELECT region_code, due, required_share, citation FROM collection_milestone WHERE coverage_year = ? ORDER BY due",
                rs -> {
                    milestones.computeIfAbsent(RegionCode.of(rs.getString(1)), k -> new ArrayList<>())
                            .add(new Milestone(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3), rs.getString(4)));
                }, coverageYear);
        Map<RegionCode, CollectionTarget> targets = new HashMap<>();
        jdbc.query("SELECT * FROM collection_target WHERE coverage_year = ?", rs -> {
            RegionCode region = RegionCode.of(rs.getString("region_code"));
            targets.put(region, new CollectionTarget(region, coverageYear, BaseRule.valueOf(rs.getString("base_rule")),
                    rs.getBigDecimal("target_rate"), Optional.ofNullable(rs.getBigDecimal("special_target_rate")),
                    new MilestoneSchedule(rs.getDate("window_start").toLocalDate(), milestones.getOrDefault(region, List.of())),
                    rs.getString("citation")));
        }, coverageYear);
        return targets;
    }

    /** The target that governs a unit: its own, else its nearest ancestor's. */
    public static Optional<CollectionTarget> governing(Map<RegionCode, CollectionTarget> targets, RegionCode unit) {
        return unit.selfAndAncestors().stream().map(targets::get).filter(t -> t != null).findFirst();
    }
}
