package cn.canbao.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegionCodeTest {

    @Test
    void derivesLevelAndParentFromTheDigits() {
        assertThat(RegionCode.of("150000").level()).isEqualTo(RegionLevel.PROVINCE);
        assertThat(RegionCode.of("150700").level()).isEqualTo(RegionLevel.CITY);
        assertThat(RegionCode.of("150781").parent()).contains(RegionCode.of("150700"));
        assertThat(RegionCode.of("340321001000").level()).isEqualTo(RegionLevel.TOWNSHIP);
        assertThat(RegionCode.of("340321001000").parent()).contains(RegionCode.of("340321"));
        assertThat(RegionCode.of("340321001201").level()).isEqualTo(RegionLevel.VILLAGE);
        assertThat(RegionCode.of("340321001201").parent()).contains(RegionCode.of("340321001000"));
    }

    @Test
    void aVillageLiesWithinItsTownshipCountyCityAndProvinceButNotANeighbour() {
        RegionCode village = RegionCode.of("340321001201");
        assertThat(village.selfAndAncestors()).extracting(RegionCode::value)
                .containsExactly("340321001201", "340321001000", "340321", "340300", "340000");
        assertThat(village.isWithin(RegionCode.of("340321"))).isTrue();
        assertThat(village.isWithin(RegionCode.of("340321002000"))).isFalse();
        assertThat(village.county()).contains(RegionCode.of("340321"));
    }

    @Test
    void everyRegionBelowSharesTheCodePrefixSoQueriesCanUseLike() {
        assertThat(RegionCode.of("150000").likePattern()).isEqualTo("15%");
        assertThat(RegionCode.of("150700").likePattern()).isEqualTo("1507%");
        assertThat(RegionCode.of("340321").likePattern()).isEqualTo("340321%");
        assertThat(RegionCode.of("340321001000").likePattern()).isEqualTo("340321001%");
        assertThat(RegionCode.of("340321001201").likePattern()).isEqualTo("340321001201%");
        assertThat(RegionCode.of("340321001201").value()).startsWith(RegionCode.of("340321001000").prefix());
    }

    @Test
    void refusesCodesThatAreNotDivisionCodes() {
        assertThatThrownBy(() -> RegionCode.of("15070")).hasMessageContaining("6 or 12 digits");
        assertThatThrownBy(() -> RegionCode.of("15070A")).hasMessageContaining("6 or 12 digits");
        assertThatThrownBy(() -> RegionCode.of("340321000001")).hasMessageContaining("township or village");
    }

    @Test
    void theCountyCodeColumnIsTheFirstSixDigitsAtEveryLevel() {
        assertThat(RegionCode.of("340321100201").countyCode()).isEqualTo("340321");
        assertThat(RegionCode.of("340321").countyCode()).isEqualTo("340321");
        assertThat(RegionCode.of("340300").countyCode()).as("a city's own code").isEqualTo("340300");
        assertThat(RegionCode.of("340300").county()).isEmpty();
    }

    @Test
    void refusesDigitsOtherThanAscii() {
        // Full-width and Arabic-Indic digits are digits to Character.isDigit, but no division code has them.
        assertThatThrownBy(() -> RegionCode.of("１５０７００")).hasMessageContaining("6 or 12 digits");
        assertThatThrownBy(() -> RegionCode.of("15070\u0663")).hasMessageContaining("6 or 12 digits");
    }
}
