package cn.canbao.web.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;
import cn.canbao.web.security.SecondFactorCodes;
import cn.canbao.web.security.TotpCalculator;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.AppUserRepository;

/**
 * ADMIN and COUNTY_STAFF users turn the TOTP second factor on and off here. A new secret is kept in
 * the session until the user proves with a code that their app has it; only then is it stored.
 */
@Controller
class SecondFactorSettingsController {

    private static final String NEW_SECRET = "canbao.newTotpSecret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppUserRepository users;
    private final SecondFactorCodes codes;
    private final RegionAccess access;
    private final AuditLog audit;
    private final Clock clock;

    SecondFactorSettingsController(AppUserRepository users, SecondFactorCodes codes, RegionAccess access, AuditLog audit,
            Clock clock) {
        this.users = users;
        this.codes = codes;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/account/second-factor")
    String settings(HttpSession session, Model model) {
        CurrentUser user = allowedUser();
        AppUser stored = users.findByUsername(user.getUsername()).orElseThrow();
        model.addAttribute("enabled", stored.hasSecondFactor());
        if (!stored.hasSecondFactor()) {
            String secret = (String) session.getAttribute(NEW_SECRET);
            if (secret == null) {
                secret = TotpCalculator.newSecret(RANDOM);
                session.setAttribute(NEW_SECRET, secret);
            }
            model.addAttribute("secret", secret);
            model.addAttribute("uri", TotpCalculator.provisioningUri("Canbao", user.getUsername(), secret));
        }
        return "account/second-factor";
    }

    @PostMapping("/account/second-factor")
    @Transactional
    String enable(@RequestParam(required = false) String code, HttpSession session, HttpServletRequest request, Model model) {
        CurrentUser user = allowedUser();
        String secret = (String) session.getAttribute(NEW_SECRET);
        OptionalLong step = TotpCalculator.matchingStep(secret, code, clock.instant());
        if (secret == null || step.isEmpty()) {
            model.addAttribute("codeError", "secondFactor.code.wrong");
            return settings(session, model);
        }
        AppUser stored = users.findByUsername(user.getUsername()).orElseThrow();
        codes.enroll(stored, secret, step.getAsLong());
        audit.record(access.actor(request), AuditEntry.success("SECOND_FACTOR_ENABLED", "app_user", user.getUsername(),
                user.region().value(), null, null));
        session.removeAttribute(NEW_SECRET);
        return "redirect:/account/second-factor?enabled";
    }

    @PostMapping("/account/second-factor/remove")
    @Transactional
    String remove(@RequestParam(required = false) String code, HttpSession session, HttpServletRequest request, Model model) {
        CurrentUser user = allowedUser();
        AppUser stored = users.findByUsername(user.getUsername()).orElseThrow();
        if (!codes.verifyOnce(stored, code)) {
            model.addAttribute("codeError", "secondFactor.code.wrong");
            return settings(session, model);
        }
        stored.removeSecondFactor();
        audit.record(access.actor(request), AuditEntry.success("SECOND_FACTOR_REMOVED", "app_user", user.getUsername(),
                user.region().value(), null, null));
        return "redirect:/account/second-factor?removed";
    }

    private CurrentUser allowedUser() {
        CurrentUser user = access.currentUser();
        if (!user.mayUseSecondFactor()) {
            throw new AccessDeniedException("the second factor is for ADMIN and COUNTY_STAFF");
        }
        return user;
    }
}
