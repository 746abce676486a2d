package cn.canbao.web.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import cn.canbao.audit.Actor;
import cn.canbao.region.RegionCode;

/**
 * The one place that answers "may the current user touch data of this region?". Controllers call it
 * for every record they read or change; a refusal becomes 403 for the API and the refusal page for
 * the browser. Hiding links is not access control.
 */
@Component
public class RegionAccess {

    public CurrentUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)) {
            throw new AccessDeniedException("not logged in");
        }
        return user;
    }

    /** The current user as the domain modules' {@link Actor}: who, bound to which region, calling from where. */
    public Actor actor(HttpServletRequest request) {
        CurrentUser user = currentUser();
        return new Actor(user.getUsername(), user.region(), request.getRemoteAddr());
    }

    /** The user's own region: the root of everything they may see. */
    public RegionCode scope() {
        return currentUser().region();
    }

    public void check(RegionCode target) {
        CurrentUser user = currentUser();
        if (!user.canReach(target)) {
            throw new AccessDeniedException("region " + target.value() + " is outside " + user.region().value());
        }
    }
}
