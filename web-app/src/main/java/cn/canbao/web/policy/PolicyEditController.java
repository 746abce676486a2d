package cn.canbao.web.policy;

import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.canbao.policy.version.PolicyRevision;
import cn.canbao.policy.version.PolicyVersionException;
import cn.canbao.policy.version.PolicyVersionService;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.region.RegionLevel;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.Role;

/**
 * Changing a region's policy file for a year: ADMIN or COUNTY_STAFF of that region edit the YAML with a reason;
 * the change is stored as a new version (never in place) only if the whole policy still validates.
 */
@Controller
class PolicyEditController {

    private static final Set<Role> EDITORS = Set.of(Role.ADMIN, Role.COUNTY_STAFF);

    private final PolicyVersionService policies;
    private final RegionDirectory regions;
    private final RegionAccess access;

    PolicyEditController(PolicyVersionService policies, RegionDirectory regions, RegionAccess access) {
        this.policies = policies;
        this.regions = regions;
        this.access = access;
    }

    @GetMapping("/policies/{regionCode}/{year}/edit")
    String form(@PathVariable String regionCode, @PathVariable int year, Model model) {
        RegionCode region = editable(regionCode);
        String fileName = region.value() + "-" + year + ".yaml";
        String current = policies.catalog().contents().get(fileName);
        return show(model, region, year, current != null ? current : skeleton(region, year), "", null, current == null);
    }

    @PostMapping("/policies/{regionCode}/{year}/edit")
    String save(@PathVariable String regionCode, @PathVariable int year, @RequestParam(required = false) String content,
                @RequestParam(required = false) String reason, Model model) {
        RegionCode region = editable(regionCode);
        CurrentUser user = access.currentUser();
        if (content == null || content.isBlank()) {
            return show(model, region, year, "", reason, "policy.edit.empty", false);
        }
        try {
            policies.revise(new PolicyRevision(region, year, content.replace("\r\n", "\n"), user.getUsername(), user.role().name(),
                    user.region(), reason == null ? "" : reason));
        } catch (PolicyVersionException e) {
            model.addAttribute("problem", e.getMessage());
            return show(model, region, year, content, reason, null, false);
        }
        return "redirect:/policies/" + region.value() + "/" + year;
    }

    private RegionCode editable(String regionCode) {
        RegionCode region = RegionCode.of(regionCode);
        access.check(region);
        if (!EDITORS.contains(access.currentUser().role())) {
            throw new AccessDeniedException("only ADMIN and COUNTY_STAFF change policies");
        }
        if (!region.level().isAbove(RegionLevel.TOWNSHIP)) {
            throw new IllegalArgumentException("policies are set for a province, city or county, not for " + region);
        }
        return region;
    }

    private String show(Model model, RegionCode region, int year, String content, String reason, String errorKey, boolean isNew) {
        model.addAttribute("regionCode", region.value());
        model.addAttribute("regionName", regions.find(region).map(r -> r.name()).orElse(region.value()));
        model.addAttribute("year", year);
        model.addAttribute("content", content);
        model.addAttribute("reason", reason);
        model.addAttribute("errorKey", errorKey);
        model.addAttribute("isNew", isNew);
        return "policy/edit";
    }

    private static String skeleton(RegionCode region, int year) {
        return "region: \"" + region.value() + "\"\ncoverageYear: " + year + "\ntitle: \n";
    }
}
