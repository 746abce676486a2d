package cn.canbao.enrollment;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Defaults of the enrollment module that an application may replace: the clock (China time;
 * dates such as "within 90 days of birth" are Beijing dates).
 */
@AutoConfiguration
public class EnrollmentAutoConfiguration {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(CHINA);
    }
}
