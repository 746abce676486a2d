package cn.canbao.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log event per request with its facts as key-value pairs (method, path, status, duration, user),
 * so structured output ({@code logging.structured.format.console=ecs}, on in the prod profile) turns
 * them into JSON fields. Static assets are not logged: they say nothing about what users did.
 *
 * <p>It sits inside both security filter chains, just before the exception translation, so it sees
 * the authenticated user and the final status of refused requests (401, 403) alike.
 */
class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("canbao.request");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            log.atInfo()
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("path", request.getRequestURI())
                    .addKeyValue("status", response.getStatus())
                    .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
                    .addKeyValue("user", authentication == null ? "-" : authentication.getName())
                    .addKeyValue("remote", request.getRemoteAddr())
                    .log("{} {} {}", request.getMethod(), request.getRequestURI(), response.getStatus());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico");
    }
}
