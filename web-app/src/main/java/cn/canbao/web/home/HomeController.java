package cn.canbao.web.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.canbao.region.RegionDirectory;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;

/** Each role lands on its own home page: the work it does every day. */
@Controller
class HomeController {

    private final RegionAccess access;
    private final RegionDirectory regions;

    HomeController(RegionAccess access, RegionDirectory regions) {
        this.access = access;
        this.regions = regions;
    }

    @GetMapping("/")
    String home(Model model) {
        CurrentUser user = access.currentUser();
        model.addAttribute("user", user);
        model.addAttribute("regionPath", regions.path(user.region()));
        model.addAttribute("children", regions.children(user.region()));
        return switch (user.role()) {
            case ADMIN -> "home/admin";
            case COUNTY_STAFF -> "home/county";
            case TOWNSHIP_WORKER -> "home/township";
            case SUPERVISOR -> "home/supervisor";
        };
    }
}
