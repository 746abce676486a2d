package cn.canbao.collection.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.canbao.collection.CollectionTestConfiguration;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyRevision;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;

/** The stored targets are the policy files' and follow a policy revision at once. */
@SpringBootTest(classes = CollectionTestConfiguration.class)
class TargetRepositoryTest {

    private static final RegionCode HUAIYUAN = RegionCode.of("340321");

    @Autowired
    TargetRepository targets;
    @Autowired
    PolicyVersionService policies;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theTargetsAtStartAreThoseOfThePolicyFilesEachWithItsPolicyVersion() {
        Map<RegionCode, CollectionTarget> year2025 = targets.forYear(2025);

        assertThat(year2025.keySet()).extracting(RegionCode::value).containsExactlyInAnyOrder("150700", "340321");
        assertThat(year2025.get(RegionCode.of("150700")).schedule().milestones()).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM collection_target WHERE coverage_year = 2025 AND source_policy_version IS NULL",
                Long.class)).isZero();
        assertThat(TargetRepository.governing(year2025, RegionCode.of("340321100201")).orElseThrow().region()).isEqualTo(HUAIYUAN);
    }

    @Test
    void aRevisedPolicyMilestoneIsUsedAtOnce() {
        String file = PolicyCatalog.readClasspathFiles().get("340321-2025.yaml");
        String milestone = """
                  milestones:
                    - date: 2024-11-30
                      percentOfTarget: 50
                      cite:
                        doc: 怀远县2025年度居民医保参保缴费工作方案
                        clause: 七（四）
                        quote: 对参保缴费工作开展不力、未达到序时进度或者进度较差的乡镇（街道）
                  countedAsOf:
                """;
        String revised = file.replaceFirst("  countedAsOf:\n", milestone);
        assertThat(revised).isNotEqualTo(file);
        policies.revise(revision(revised, "测试：增加11月底节点"));
        try {
            List<Milestone> milestones = targets.forYear(2025).get(HUAIYUAN).schedule().milestones();

            assertThat(milestones).extracting(Milestone::due).containsExactly(LocalDate.of(2024, 11, 30), LocalDate.of(2024, 12, 31));
            assertThat(milestones.get(0).requiredShare()).isEqualByComparingTo(new BigDecimal("0.5"));
        } finally {
            // Other test classes share this database: the file's own content is the latest version again.
            policies.revise(revision(file, "测试结束：恢复"));
        }
        assertThat(targets.forYear(2025).get(HUAIYUAN).schedule().milestones()).hasSize(1);
    }

    private static PolicyRevision revision(String content, String reason) {
        return new PolicyRevision(HUAIYUAN, 2025, content, "huaiyuan.staff", "COUNTY_STAFF", HUAIYUAN, reason);
    }
}
