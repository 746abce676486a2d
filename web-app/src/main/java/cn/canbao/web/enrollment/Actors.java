package cn.canbao.web.enrollment;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import cn.canbao.audit.Actor;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;

/** Turns the logged-in user and the request into the domain's {@link Actor}: who, their region, from where. */
@Component
public class Actors {

    private final RegionAccess access;

    public Actors(RegionAccess access) {
        this.access = access;
    }

    public Actor current(HttpServletRequest request) {
        CurrentUser user = access.currentUser();
        return new Actor(user.getUsername(), user.region(), request.getRemoteAddr());
    }
}
