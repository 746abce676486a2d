package cn.canbao.web.config;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for everything time-dependent, so tests can move time instead of waiting for it. A
 * demonstration or training system can start its clock at a moment inside a collection season
 * ({@code canbao.clock.start}); time then runs on from there at the normal pace.
 */
@Configuration
class ClockConfiguration {

    @Bean
    Clock clock(@Value("${canbao.clock.start:}") String start) {
        Clock system = Clock.systemDefaultZone();
        if (start.isBlank()) {
            return system;
        }
        return Clock.offset(system, Duration.between(system.instant(), OffsetDateTime.parse(start).toInstant()));
    }
}
