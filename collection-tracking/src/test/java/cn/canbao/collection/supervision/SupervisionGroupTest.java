package cn.canbao.collection.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.canbao.region.RegionCode;
import org.junit.jupiter.api.Test;

class SupervisionGroupTest {

    @Test
    void theTwoHuaiyuanGroupsCoverAllTwentyTwoTownshipsOnce() {
        Set<RegionCode> seen = new HashSet<>();
        HuaiyuanSupervisionGroups.ALL.forEach(g -> g.townships().forEach(t -> assertThat(seen.add(t)).isTrue()));

        assertThat(seen).hasSize(22);
        assertThat(HuaiyuanSupervisionGroups.GROUP_ONE.leader()).isEqualTo("李双喜");
        assertThat(HuaiyuanSupervisionGroups.GROUP_TWO.leadUnit()).isEqualTo("县医保局");
    }

    @Test
    void aGroupLeaderSeesTheirTownshipsAndVillagesFirst() {
        RegionCode yinfeng = RegionCode.of("340321001000"); // 第二组
        RegionCode liucheng = RegionCode.of("340321100000"); // 第一组
        RegionCode liuchengVillage = RegionCode.of("340321100201");

        List<RegionCode> ordered = HuaiyuanSupervisionGroups.GROUP_ONE.ownFirst(List.of(yinfeng, liucheng, liuchengVillage), r -> r);

        assertThat(ordered).containsExactly(liucheng, liuchengVillage, yinfeng);
    }

    @Test
    void aTownshipOfAnotherCountyCannotBeInAGroup() {
        assertThatThrownBy(() -> new SupervisionGroup(RegionCode.of("340321"), 2025, "第三组", "x", "y",
                List.of(RegionCode.of("150702")), "test")).isInstanceOf(IllegalArgumentException.class);
    }
}
