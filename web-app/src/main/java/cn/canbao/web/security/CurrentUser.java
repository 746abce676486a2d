package cn.canbao.web.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import cn.canbao.region.RegionCode;
import cn.canbao.web.user.AppUser;
import cn.canbao.web.user.Role;

/** The logged-in user as Spring Security holds it: who, which role, and which region they are bound to. */
public final class CurrentUser implements UserDetails {

    private final String username;
    private final String passwordHash;
    private final String displayName;
    private final Role role;
    private final RegionCode region;
    private final boolean enabled;
    private final boolean locked;
    private final boolean mustChangePassword;
    private final boolean secondFactor;

    CurrentUser(AppUser user, Instant now) {
        this.username = user.username();
        this.passwordHash = user.passwordHash();
        this.displayName = user.displayName();
        this.role = user.role();
        this.region = user.region();
        this.enabled = user.isEnabled();
        this.locked = user.isLockedAt(now);
        this.mustChangePassword = user.mustChangePassword();
        this.secondFactor = user.hasSecondFactor();
    }

    /** True when logging in also needs a code from the user's authenticator app. */
    public boolean hasSecondFactor() {
        return secondFactor;
    }

    /** The second factor is offered to the roles that can change much: ADMIN and COUNTY_STAFF. */
    public boolean mayUseSecondFactor() {
        return role == Role.ADMIN || role == Role.COUNTY_STAFF;
    }

    /** Set for created users until their first own password: every page leads to the change form. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public RegionCode region() {
        return region;
    }

    /** True when the target region is the user's own region or lies below it. */
    public boolean canReach(RegionCode target) {
        return target.isWithin(region);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
