package cn.canbao.web.user;

import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.audit.Actor;
import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.region.RegionCode;
import cn.canbao.region.RegionDirectory;
import cn.canbao.web.account.PasswordPolicy;

/**
 * Creating users, resetting their passwords and switching them off, by an ADMIN within the ADMIN's region. Every
 * change is audited. A created or reset user must choose their own password at the next login, so the administrator
 * never knows a password that is in use.
 */
@Service
public class UserAdministration {

    private final AppUserRepository users;
    private final RegionDirectory regions;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;

    UserAdministration(AppUserRepository users, RegionDirectory regions, PasswordEncoder passwordEncoder, AuditLog audit) {
        this.users = users;
        this.regions = regions;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
    }

    public List<AppUser> usersWithin(RegionCode scope) {
        return users.findByRegionCodeStartingWithOrderByRegionCodeAscUsernameAsc(scope.prefix());
    }

    /** Creates the user, or answers what is wrong with each field and creates nothing. */
    @Transactional
    public Map<String, List<String>> create(Actor admin, NewUser request) {
        Map<String, List<String>> problems = request.problems();
        RegionCode region = request.region();
        if (region != null && !problems.containsKey("regionCode")) {
            if (regions.find(region).isEmpty()) {
                NewUser.add(problems, "regionCode", "user.error.unknownRegion");
            } else if (!region.isWithin(admin.region())) {
                NewUser.add(problems, "regionCode", "user.error.foreignRegion");
            }
        }
        if (request.username() != null && users.existsByUsername(request.username())) {
            NewUser.add(problems, "username", "user.error.taken");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        AppUser user = new AppUser(request.username(), passwordEncoder.encode(request.initialPassword()),
                request.displayName().strip(), request.role(), region, false);
        user.requirePasswordChange();
        users.save(user);
        audit.record(admin, AuditEntry.success("USER_CREATED", "app_user", user.username(), region.value(), null,
                Map.of("role", user.role().name(), "displayName", user.displayName())));
        return problems;
    }

    /** Sets a temporary password (the policy applies) and unlocks the account; empty when done. */
    @Transactional
    public List<String> resetPassword(Actor admin, AppUser user, String temporaryPassword) {
        List<String> violations = PasswordPolicy.violations(temporaryPassword, user.username());
        if (violations.isEmpty()) {
            user.resetPassword(passwordEncoder.encode(temporaryPassword));
            users.save(user);
            audit.record(admin, AuditEntry.success("USER_PASSWORD_RESET", "app_user", user.username(), user.region().value(),
                    null, Map.of()));
        }
        return violations;
    }

    /** Switches a user on or off; an administrator cannot switch off their own account. */
    @Transactional
    public boolean setEnabled(Actor admin, AppUser user, boolean enabled) {
        if (!enabled && user.username().equals(admin.username())) {
            return false;
        }
        Map<String, Object> before = Map.of("enabled", user.isEnabled());
        user.setEnabled(enabled);
        users.save(user);
        audit.record(admin, AuditEntry.success(enabled ? "USER_ENABLED" : "USER_DISABLED", "app_user", user.username(),
                user.region().value(), before, Map.of("enabled", enabled)));
        return true;
    }
}
