package cn.canbao.policy.effective;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import cn.canbao.money.Money;
import cn.canbao.policy.ParticipantCategory;
import cn.canbao.region.RegionCode;

class PolicyCatalogTest {

    private final PolicyCatalog catalog = PolicyCatalog.fromClasspath();

    @Test
    void theIndexListsEveryShippedPolicyFile() throws URISyntaxException {
        File directory = new File(Objects.requireNonNull(getClass().getClassLoader().getResource("policies")).toURI());
        String[] yamlFiles = directory.list((dir, name) -> name.endsWith(".yaml"));
        assertThat(catalog.contents().keySet()).containsExactlyInAnyOrder(Objects.requireNonNull(yamlFiles));
        assertThat(Arrays.asList(yamlFiles)).hasSize(7);
    }

    @Test
    void aCountyInheritsWhatItsOwnFileLeavesOutFromTheProvince() {
        EffectivePolicy urad = catalog.effective(RegionCode.of("150823"), 2024).orElseThrow();
        assertThat(urad.personalStandard().orElseThrow().amount()).isEqualTo(Money.ofYuan(400));
        assertThat(urad.personalStandard().orElseThrow().minimum()).isFalse();
        assertThat(urad.totalFundingStandard().orElseThrow().amount()).isEqualTo(Money.ofYuan(1070));
        assertThat(urad.entries()).anySatisfy(entry -> {
            assertThat(entry.rule()).isEqualTo("totalFundingStandard");
            assertThat(entry.inherited()).isTrue();
            assertThat(entry.fromFile()).isEqualTo("150000-2024.yaml");
            assertThat(entry.cite().doc()).isEqualTo("内医保发〔2024〕8号");
        });
        assertThat(urad.entries()).anySatisfy(entry -> {
            assertThat(entry.rule()).isEqualTo("personalStandard");
            assertThat(entry.inherited()).isFalse();
            assertThat(entry.cite().reference()).isEqualTo("乌政办发〔2023〕81号 二（一）");
        });
    }

    @Test
    void aCountyWithoutItsOwnFileUsesItsCitysPolicy() {
        EffectivePolicy hailar = catalog.effective(RegionCode.of("150702"), 2025).orElseThrow();
        assertThat(hailar.sources()).extracting(EffectivePolicy.Source::fileName)
                .containsExactly("150700-2025.yaml", "150000-2025.yaml");
        assertThat(hailar.eligibleCategories()).containsKey(ParticipantCategory.NEWBORN);
        assertThat(hailar.collectionTargets().orElseThrow().rates()).hasSize(2);
    }

    @Test
    void aTownshipUsesItsCountysPolicy() {
        EffectivePolicy township = catalog.effective(RegionCode.of("340321100000"), 2025).orElseThrow();
        assertThat(township.subsidySchemes()).hasSize(9);
        assertThat(township.sources()).extracting(EffectivePolicy.Source::region).containsExactly("340321");
    }

    @Test
    void aRegionAndYearWithoutAnyFileHasNoPolicy() {
        assertThat(catalog.effective(RegionCode.of("340321"), 2023)).isEmpty();
        assertThat(catalog.effective(RegionCode.of("110000"), 2025)).isEmpty();
    }
}
