package cn.canbao.web.account;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;

/** Every user changes their own password here; created users are sent here until they do. */
@Controller
class PasswordChangeController {

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final RegionAccess access;
    private final AuditLog audit;

    PasswordChangeController(AppUserRepository users, PasswordEncoder passwordEncoder, RegionAccess access, AuditLog audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/account/password")
    String form() {
        return "account/password";
    }

    @PostMapping("/account/password")
    @Transactional
    String change(@RequestParam String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, HttpServletRequest request, Model model) {
        AppUser user = users.findByUsername(access.currentUser().getUsername()).orElseThrow();
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            model.addAttribute("currentPasswordError", "password.current.wrong");
            return "account/password";
        }
        List<String> violations = PasswordPolicy.violations(newPassword, user.username());
        if (!violations.isEmpty()) {
            model.addAttribute("newPasswordErrors", violations);
            return "account/password";
        }
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("confirmPasswordError", "password.confirm.mismatch");
            return "account/password";
        }
        if (passwordEncoder.matches(newPassword, user.passwordHash())) {
            model.addAttribute("newPasswordErrors", List.of("password.rule.reuse"));
            return "account/password";
        }
        boolean firstLogin = user.mustChangePassword();
        user.changePassword(passwordEncoder.encode(newPassword));
        audit.record(access.actor(request), AuditEntry.success("PASSWORD_CHANGED", "app_user", user.username(),
                user.region().value(), null, Map.of("firstLogin", firstLogin)));
        return "redirect:/account/password?changed";
    }
}
