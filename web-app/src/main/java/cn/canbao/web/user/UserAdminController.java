package cn.canbao.web.user;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.canbao.web.security.RegionAccess;

/**
 * User administration pages for ADMIN (the security configuration lets no other role reach {@code /users}): the
 * users of the administrator's region, a form to create one, password reset and switching accounts off.
 */
@Controller
class UserAdminController {

    private final UserAdministration administration;
    private final AppUserRepository users;
    private final RegionAccess access;

    UserAdminController(UserAdministration administration, AppUserRepository users, RegionAccess access) {
        this.administration = administration;
        this.users = users;
        this.access = access;
    }

    @GetMapping("/users")
    String list(Model model) {
        model.addAttribute("users", administration.usersWithin(access.scope()));
        model.addAttribute("self", access.currentUser().getUsername());
        return "user/list";
    }

    @GetMapping("/users/new")
    String form(Model model) {
        model.addAttribute("user", new NewUser("", "", null, access.scope().value(), ""));
        model.addAttribute("problems", Map.of());
        model.addAttribute("roles", Role.values());
        return "user/form";
    }

    @PostMapping("/users")
    String create(NewUser user, HttpServletRequest request, Model model, RedirectAttributes flash) {
        Map<String, List<String>> problems = administration.create(access.actor(request), user);
        if (!problems.isEmpty()) {
            model.addAttribute("user", new NewUser(user.username(), user.displayName(), user.role(), user.regionCode(), ""));
            model.addAttribute("problems", problems);
            model.addAttribute("roles", Role.values());
            return "user/form";
        }
        flash.addFlashAttribute("created", user.username());
        return "redirect:/users";
    }

    @PostMapping("/users/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam String temporaryPassword, HttpServletRequest request,
                         RedirectAttributes flash) {
        AppUser user = reachable(id);
        List<String> violations = administration.resetPassword(access.actor(request), user, temporaryPassword);
        flash.addFlashAttribute(violations.isEmpty() ? "reset" : "resetProblems", violations.isEmpty() ? user.username() : violations);
        return "redirect:/users";
    }

    @PostMapping("/users/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, HttpServletRequest request, RedirectAttributes flash) {
        AppUser user = reachable(id);
        if (!administration.setEnabled(access.actor(request), user, enabled)) {
            flash.addFlashAttribute("selfDisable", true);
        }
        return "redirect:/users";
    }

    private AppUser reachable(long id) {
        AppUser user = users.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + id));
        access.check(user.region());
        return user;
    }
}
