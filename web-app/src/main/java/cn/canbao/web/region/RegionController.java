package cn.canbao.web.region;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.canbao.region.Region;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.web.security.RegionAccess;

/** The org tree: a page to walk it and the same data as JSON, both limited to the user's own region. */
@Controller
@Tag(name = "regions", description = "行政区划 / org hierarchy")
class RegionController {

    private final RegionDirectory regions;
    private final RegionAccess access;

    RegionController(RegionDirectory regions, RegionAccess access) {
        this.regions = regions;
        this.access = access;
    }

    @GetMapping("/regions")
    String myRegion() {
        return "redirect:/regions/" + access.scope().value();
    }

    @GetMapping("/regions/{code}")
    String show(@PathVariable String code, Model model) {
        Region region = visible(code);
        model.addAttribute("region", region);
        model.addAttribute("path", regions.path(region.code()).stream()
                .filter(r -> access.currentUser().canReach(r.code())).toList());
        model.addAttribute("children", regions.children(region.code()));
        return "region/region";
    }

    @GetMapping("/api/v1/regions/{code}")
    @ResponseBody
    @Operation(summary = "A region and its direct children", description = "403 when the region is outside the caller's region")
    RegionView api(@PathVariable String code) {
        Region region = visible(code);
        return RegionView.of(region, regions.children(region.code()));
    }

    private Region visible(String code) {
        RegionCode regionCode = RegionCode.of(code);
        access.check(regionCode);
        return regions.get(regionCode);
    }

    record RegionView(String code, String name, String level, String parentCode, boolean demo, List<RegionView> children) {

        static RegionView of(Region region, List<Region> children) {
            return new RegionView(region.code().value(), region.name(), region.level().name(), region.parentCode(),
                    region.isDemo(), children.stream().map(c -> of(c, List.of())).toList());
        }
    }
}
