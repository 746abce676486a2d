package cn.canbao.policy.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.money.Money;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.region.RegionCode;

@SpringBootTest(classes = PolicyVersionTestConfiguration.class)
class PolicyVersionServiceTest {

    @Autowired
    PolicyVersionService service;

    @Autowired
    DataSource dataSource;

    private static String policy(String region, int year, String amount) {
        return """
                region: "%s"
                coverageYear: %d
                title: test
                personalStandard:
                  amount: "%s"
                  cite:
                    doc: 测试
                    clause: 一
                    quote: 测试
                """.formatted(region, year, amount);
    }

    @Test
    void theShippedFilesAreStoredAtStartAsFileVersions() {
        List<PolicyVersion> history = service.history(RegionCode.of("150700"), 2025);

        assertThat(history).isNotEmpty();
        assertThat(history.get(history.size() - 1)).satisfies(first -> {
            assertThat(first.version()).isEqualTo(1);
            assertThat(first.source()).isEqualTo(PolicyVersion.Source.FILE);
            assertThat(first.createdBy()).isEqualTo(PolicyVersionService.FILE_LOADER);
            assertThat(first.contentSha256()).isEqualTo(PolicyCatalog.sha256(PolicyCatalog.readClasspathFiles().get("150700-2025.yaml")));
        });
    }

    @Test
    void loadingUnchangedFilesStoresNothing() {
        assertThat(service.loadFiles(PolicyCatalog.readClasspathFiles())).isEmpty();
    }

    @Test
    void aFileWhoseContentChangedIsStoredAsTheNextVersion() {
        assertThat(service.loadFiles(Map.of("110101-2030.yaml", policy("110101", 2030, "300.00")))).hasSize(1);
        List<PolicyVersion> stored = service.loadFiles(Map.of("110101-2030.yaml", policy("110101", 2030, "310.00")));

        assertThat(stored).singleElement().satisfies(version -> {
            assertThat(version.version()).isEqualTo(2);
            assertThat(version.reason()).contains("changed since version 1");
        });
        assertThat(service.loadFiles(Map.of("110101-2030.yaml", policy("110101", 2030, "310.00")))).isEmpty();
    }

    @Test
    void countyStaffChangeTheirCountysPolicyAsANewVersionWithWhoAndWhy() {
        service.loadFiles(Map.of("110102-2030.yaml", policy("110102", 2030, "300.00")));
        ResolvedPolicy before = service.effective(RegionCode.of("110102"), 2030).orElseThrow();

        PolicyVersion changed = service.revise(new PolicyRevision(RegionCode.of("110102"), 2030, policy("110102", 2030, "320.00"),
                "wang", "COUNTY_STAFF", RegionCode.of("110102"), "county decision on the standard"));

        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.source()).isEqualTo(PolicyVersion.Source.USER);
        assertThat(changed.createdBy()).isEqualTo("wang");
        assertThat(changed.createdRole()).isEqualTo("COUNTY_STAFF");
        assertThat(changed.reason()).isEqualTo("county decision on the standard");
        ResolvedPolicy after = service.effective(RegionCode.of("110102"), 2030).orElseThrow();
        assertThat(after.policy().personalStandard().orElseThrow().amount()).isEqualTo(Money.ofYuan(320));
        assertThat(after.effectiveVersionId()).isNotEqualTo(before.effectiveVersionId());
        assertThat(service.sourcesOfEffectiveVersion(before.effectiveVersionId())).extracting(PolicyVersion::version).containsExactly(1);
        assertThat(service.effectiveWith(service.history(RegionCode.of("110102"), 2030).get(1)).personalStandard().orElseThrow().amount())
                .isEqualTo(Money.ofYuan(300));
    }

    @Test
    void theSameCombinationOfVersionsKeepsItsEffectiveVersionId() {
        long first = service.effective(RegionCode.of("150702"), 2025).orElseThrow().effectiveVersionId();
        long second = service.effective(RegionCode.of("150702"), 2025).orElseThrow().effectiveVersionId();
        long sibling = service.effective(RegionCode.of("150721"), 2025).orElseThrow().effectiveVersionId();

        assertThat(second).isEqualTo(first);
        assertThat(sibling).isNotEqualTo(first);
        assertThat(service.sourcesOfEffectiveVersion(first)).extracting(PolicyVersion::fileName)
                .containsExactly("150700-2025.yaml", "150000-2025.yaml");
    }

    @Test
    void onlyAdminsAndCountyStaffOfThatRegionMayChangeAPolicy() {
        String content = policy("340321", 2025, "1.00");
        assertThatThrownBy(() -> service.revise(new PolicyRevision(RegionCode.of("340321"), 2025, content, "li", "TOWNSHIP_WORKER",
                RegionCode.of("340321100000"), "x"))).isInstanceOf(PolicyVersionException.class).hasMessageContaining("TOWNSHIP_WORKER");
        assertThatThrownBy(() -> service.revise(new PolicyRevision(RegionCode.of("340321"), 2025, content, "li", "COUNTY_STAFF",
                RegionCode.of("150823"), "x"))).isInstanceOf(PolicyVersionException.class).hasMessageContaining("150823");
        assertThatThrownBy(() -> service.revise(new PolicyRevision(RegionCode.of("340321"), 2025, content, "li", "ADMIN",
                RegionCode.of("150000"), " "))).isInstanceOf(PolicyVersionException.class).hasMessageContaining("reason");
        assertThat(service.history(RegionCode.of("340321"), 2025)).hasSize(1);
    }

    @Test
    void anInvalidChangeIsRefusedWithFileAndLineAndStoresNothing() {
        String invalid = policy("340321", 2025, "400.00") + "unknownRule: 1\n";

        assertThatThrownBy(() -> service.revise(new PolicyRevision(RegionCode.of("340321"), 2025, invalid, "admin", "ADMIN", null, "test")))
                .isInstanceOf(PolicyVersionException.class).hasMessageContaining("340321-2025.yaml:10").hasMessageContaining("unknownRule");
        assertThat(service.history(RegionCode.of("340321"), 2025)).hasSize(1);
    }

    @Test
    void aStoredVersionCannotBeEditedInPlace() {
        long id = service.history(RegionCode.of("150823"), 2024).get(0).id();

        assertThatThrownBy(() -> JdbcClient.create(dataSource).sql("UPDATE policy_version SET reason = 'x' WHERE id = ?").param(id).update())
                .hasMessageContaining("never edited");
        assertThatThrownBy(() -> JdbcClient.create(dataSource).sql("DELETE FROM policy_version WHERE id = ?").param(id).update())
                .hasMessageContaining("never edited");
    }
}
