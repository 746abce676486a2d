package cn.canbao.web.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.canbao.audit.AuditEntry;
import cn.canbao.audit.AuditLog;
import cn.canbao.audit.AuditResult;
import cn.canbao.web.user.AppUserRepository;

/**
 * Writes every login to the audit log: form logins that succeed, every failed attempt (form and HTTP
 * Basic; the username as typed, also when no such user exists), locked-account refusals, the second
 * step and logouts, each with client address and user agent. Successful HTTP Basic calls are not
 * logins of a person but single program calls; the request log has them.
 */
@Component
public class LoginAudit {

    static final String LOGIN = "LOGIN";
    static final String SECOND_FACTOR = "LOGIN_SECOND_FACTOR";
    static final String LOGOUT = "LOGOUT";
    private static final int USER_AGENT_LIMIT = 300;

    private final AuditLog audit;
    private final AppUserRepository users;

    LoginAudit(AuditLog audit, AppUserRepository users) {
        this.audit = audit;
        this.users = users;
    }

    @EventListener
    public void onLogin(InteractiveAuthenticationSuccessEvent event) {
        boolean pending = event.getAuthentication().getPrincipal() instanceof CurrentUser user && user.hasSecondFactor();
        record(LOGIN, event.getAuthentication().getName(), AuditResult.SUCCESS,
                pending ? "password right; second factor pending" : null);
    }

    @EventListener
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        AuditResult result = event instanceof AuthenticationFailureLockedEvent ? AuditResult.REJECTED : AuditResult.FAILED;
        record(LOGIN, event.getAuthentication().getName(), result, event.getException().getClass().getSimpleName());
    }

    @EventListener
    public void onLogout(LogoutSuccessEvent event) {
        record(LOGOUT, event.getAuthentication().getName(), AuditResult.SUCCESS, null);
    }

    /** The outcome of the second login step (the TOTP code). */
    public void secondFactor(String username, AuditResult result, String detail) {
        record(SECOND_FACTOR, username, result, detail);
    }

    private void record(String action, String username, AuditResult result, String detail) {
        HttpServletRequest request = currentRequest();
        Map<String, Object> context = new LinkedHashMap<>();
        String userAgent = request == null ? null : request.getHeader("User-Agent");
        context.put("userAgent", userAgent == null ? "" : cut(userAgent, USER_AGENT_LIMIT));
        context.put("via", request != null && request.getHeader("Authorization") != null ? "http-basic" : "form");
        String region = username == null ? null
                : users.findByUsername(username).map(u -> u.region().value()).orElse(null);
        audit.recordIndependently(username, request == null ? null : request.getRemoteAddr(),
                new AuditEntry(action, "app_user", username == null ? null : cut(username, 64), region, result, null, context, detail));
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String cut(String text, int limit) {
        return text.length() > limit ? text.substring(0, limit) : text;
    }
}
