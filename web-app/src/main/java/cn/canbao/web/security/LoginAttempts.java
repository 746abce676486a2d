package cn.canbao.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.canbao.web.user.AppUserRepository;

/**
 * Locks an account for 5 minutes after 5 wrong passwords in a row; a successful login resets the
 * count. The state is in the user row, so it holds across restarts and for every login path
 * (form and HTTP Basic).
 */
@Component
class LoginAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(5);

    private final AppUserRepository users;
    private final Clock clock;

    LoginAttempts(AppUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        users.findByUsername(event.getAuthentication().getName())
                .ifPresent(user -> user.recordFailedLogin(MAX_FAILURES, Instant.now(clock).plus(LOCK_DURATION)));
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        users.findByUsername(event.getAuthentication().getName()).ifPresent(user -> user.recordSuccessfulLogin());
    }
}
