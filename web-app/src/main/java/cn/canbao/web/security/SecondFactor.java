package cn.canbao.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The second login step for users with a TOTP secret. After the password, the session is marked
 * pending and carries nothing but the code form until the code is right. A program calling the API
 * with HTTP Basic sends the current code in the {@value #CODE_HEADER} header with every call.
 */
public final class SecondFactor {

    public static final String PENDING = "canbao.secondFactorPending";
    public static final String FORM = "/login/second-factor";
    public static final String CODE_HEADER = "X-Canbao-OTP";

    private SecondFactor() {
    }

    /** Sends users with a second factor to the code form instead of the home page. */
    static AuthenticationSuccessHandler successHandler() {
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof CurrentUser user && user.hasSecondFactor()) {
                request.getSession().setAttribute(PENDING, Boolean.TRUE);
                response.sendRedirect(request.getContextPath() + FORM);
            } else {
                response.sendRedirect(request.getContextPath() + "/");
            }
        };
    }

    /** Holds back every request of a session whose second step is pending, and checks API codes. */
    static final class Gate extends OncePerRequestFilter {

        private final SecondFactorCodes codes;

        Gate(SecondFactorCodes codes) {
            this.codes = codes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user && user.hasSecondFactor()) {
                if (request.getHeader("Authorization") != null) {
                    if (!codes.verifyForApiCall(user.getUsername(), request.getHeader(CODE_HEADER))) {
                        SecurityContextHolder.clearContext();
                        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "one-time code required in " + CODE_HEADER);
                        return;
                    }
                } else if (isPending(request) && !allowedWhilePending(request)) {
                    if (request.getRequestURI().startsWith("/api/")) {
                        response.sendError(HttpServletResponse.SC_FORBIDDEN, "second factor pending");
                    } else {
                        response.sendRedirect(request.getContextPath() + FORM);
                    }
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        private static boolean isPending(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            return session != null && session.getAttribute(PENDING) != null;
        }

        private static boolean allowedWhilePending(HttpServletRequest request) {
            String path = request.getRequestURI();
            return path.equals(FORM) || path.equals("/logout") || path.equals("/error") || path.startsWith("/webjars/")
                    || path.startsWith("/css/") || path.startsWith("/js/");
        }
    }
}
