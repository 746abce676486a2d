package cn.canbao.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoginRateLimitFilterTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void theAttemptAfterTheLimitFromOneAddressIsTurnedAwayWhileOtherAddressesGoOn() throws Exception {
        LoginRateLimitFilter filter = new LoginRateLimitFilter(3, Clock.fixed(START, ZoneOffset.UTC));

        for (int i = 0; i < 3; i++) {
            assertThat(loginFrom(filter, "192.0.2.1").getRedirectedUrl()).isNull();
        }
        assertThat(loginFrom(filter, "192.0.2.1").getRedirectedUrl()).isEqualTo("/login?tooMany");
        assertThat(loginFrom(filter, "192.0.2.2").getRedirectedUrl()).isNull();
    }

    @Test
    void theNextMinuteOpensAgain() throws Exception {
        MutableClock clock = new MutableClock(START);
        LoginRateLimitFilter filter = new LoginRateLimitFilter(1, clock);
        loginFrom(filter, "192.0.2.1");
        assertThat(loginFrom(filter, "192.0.2.1").getRedirectedUrl()).isEqualTo("/login?tooMany");

        clock.now = START.plusSeconds(60);

        assertThat(loginFrom(filter, "192.0.2.1").getRedirectedUrl()).isNull();
    }

    @Test
    void onlyLoginPostsAreCounted() throws Exception {
        LoginRateLimitFilter filter = new LoginRateLimitFilter(1, Clock.fixed(START, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            MockHttpServletRequest page = new MockHttpServletRequest("GET", "/login");
            page.setServletPath("/login");
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(page, response, new MockFilterChain());
            assertThat(response.getRedirectedUrl()).isNull();
        }
    }

    private static MockHttpServletResponse loginFrom(LoginRateLimitFilter filter, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
