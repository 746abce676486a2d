package cn.canbao.web.security;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code maxAttempts} login form submissions per client address per minute. The per-account
 * lockout stops guessing one password; this stops one address from trying many accounts.
 */
class LoginRateLimitFilter extends OncePerRequestFilter {

    private static final long WINDOW_MILLIS = 60_000;

    private final int maxAttempts;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LoginRateLimitFilter(int maxAttempts, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        long windowStart = now - now % WINDOW_MILLIS;
        windows.values().removeIf(w -> w.start < windowStart);
        Window window = windows.compute(request.getRemoteAddr(),
                (address, current) -> current == null || current.start != windowStart ? new Window(windowStart, 1) : current.next());
        if (window.attempts > maxAttempts) {
            response.sendRedirect(request.getContextPath() + "/login?tooMany");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    private record Window(long start, int attempts) {
        Window next() {
            return new Window(start, attempts + 1);
        }
    }
}
