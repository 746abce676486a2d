package cn.canbao.collection.supervision;

import java.util.Arrays;
import java.util.List;

import cn.canbao.region.RegionCode;

/**
 * The two groups of 怀远县2025年度居民医保参保缴费工作方案 附件2, with the townships by their statistical
 * division codes (淝河乡 of the attachment is 淝河镇 340321116000 in the code list). The database seed
 * (V43) holds the same rows; a test keeps the two equal.
 */
public final class HuaiyuanSupervisionGroups {

    public static final String CITATION = "怀远县2025年度居民医保参保缴费工作方案 附件2";
    public static final RegionCode HUAIYUAN = RegionCode.of("340321");

    public static final SupervisionGroup GROUP_ONE = new SupervisionGroup(HUAIYUAN, 2025, "第一组", "县税务局", "李双喜", codes(
            "340321002000", // 望淮街道
            "340321100000", // 榴城镇
            "340321102000", // 龙亢镇
            "340321114000", // 淝南镇
            "340321111000", // 褚集镇
            "340321106000", // 双桥集镇
            "340321116000", // 淝河乡 (淝河镇)
            "340321112000", // 古城镇
            "340321101000", // 包集镇
            "340321115000", // 陈集镇
            "340321107000"), // 魏庄镇
            CITATION);

    public static final SupervisionGroup GROUP_TWO = new SupervisionGroup(HUAIYUAN, 2025, "第二组", "县医保局", "刘维新", codes(
            "340321003000", // 白乳泉街道
            "340321001000", // 引凤街道
            "340321113000", // 荆山镇
            "340321110000", // 白莲坡镇
            "340321104000", // 常坟镇
            "340321109000", // 唐集镇
            "340321108000", // 万福镇
            "340321117000", // 兰桥镇
            "340321205000", // 徐圩乡
            "340321103000", // 河溜镇
            "340321400000"), // 龙亢农场
            CITATION);

    public static final List<SupervisionGroup> ALL = List.of(GROUP_ONE, GROUP_TWO);

    private HuaiyuanSupervisionGroups() {
    }

    private static List<RegionCode> codes(String... codes) {
        return Arrays.stream(codes).map(RegionCode::of).toList();
    }
}
