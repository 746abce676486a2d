package cn.canbao.web.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.user.AppUserRepository;

/**
 * A user who must change their password gets nothing else: pages redirect to the form, the API
 * answers 403. The flag is read from the database, so changing the password frees the session at once.
 */
class PasswordChangeRequiredInterceptor implements HandlerInterceptor {

    static final String FORM = "/account/password";

    private final AppUserRepository users;

    PasswordChangeRequiredInterceptor(AppUserRepository users) {
        this.users = users;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)
                || !user.mustChangePassword() || request.getRequestURI().equals(FORM)) {
            return true;
        }
        boolean stillRequired = users.findByUsername(user.getUsername()).map(u -> u.mustChangePassword()).orElse(true);
        if (!stillRequired) {
            return true;
        }
        if (request.getRequestURI().startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "password change required");
        } else {
            response.sendRedirect(request.getContextPath() + FORM);
        }
        return false;
    }
}
