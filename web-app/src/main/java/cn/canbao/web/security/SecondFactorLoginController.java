package cn.canbao.web.security;

import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.canbao.audit.AuditResult;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;

/**
 * The second login step: the code from the authenticator app. Wrong codes count towards the lockout;
 * a code already used (replayed within its 30-second window) is refused like a wrong one.
 */
@Controller
class SecondFactorLoginController {

    private final AppUserRepository users;
    private final SecondFactorCodes codes;
    private final LoginAudit loginAudit;
    private final RegionAccess access;
    private final Clock clock;

    SecondFactorLoginController(AppUserRepository users, SecondFactorCodes codes, LoginAudit loginAudit, RegionAccess access,
            Clock clock) {
        this.users = users;
        this.codes = codes;
        this.loginAudit = loginAudit;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping(SecondFactor.FORM)
    String form() {
        return "security/second-factor";
    }

    @PostMapping(SecondFactor.FORM)
    @Transactional
    String verify(@RequestParam String code, HttpServletRequest request, Model model) throws Exception {
        AppUser user = users.findByUsername(access.currentUser().getUsername()).orElseThrow();
        HttpSession session = request.getSession();
        if (!user.hasSecondFactor()) {
            session.removeAttribute(SecondFactor.PENDING);
            return "redirect:/";
        }
        if (codes.verifyOnce(user, code)) {
            user.recordSuccessfulLogin();
            session.removeAttribute(SecondFactor.PENDING);
            loginAudit.secondFactor(user.username(), AuditResult.SUCCESS, null);
            return "redirect:/";
        }
        user.recordFailedLogin(LoginAttempts.MAX_FAILURES, Instant.now(clock).plus(LoginAttempts.LOCK_DURATION));
        loginAudit.secondFactor(user.username(), AuditResult.FAILED, "wrong or already used code");
        if (user.isLockedAt(clock.instant())) {
            request.logout();
            return "redirect:/login?locked";
        }
        model.addAttribute("codeError", "secondFactor.code.wrong");
        return "security/second-factor";
    }
}
