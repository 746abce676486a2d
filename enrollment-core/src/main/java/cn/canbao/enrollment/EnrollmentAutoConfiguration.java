package cn.canbao.enrollment;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import cn.canbao.enrollment.assessment.PolicyCalculatorAssessor;
import cn.canbao.enrollment.assessment.PremiumAssessor;
import cn.canbao.enrollment.assessment.RefundRules;
import cn.canbao.policy.effective.PolicyCatalog;

/**
 * Defaults of the enrollment module that an application may replace: the clock (China time;
 * dates such as "within 90 days of birth" are Beijing dates) and the policy calculator behind
 * the assessment and refund ports.
 */
@AutoConfiguration
public class EnrollmentAutoConfiguration {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(CHINA);
    }

    /** Assessment and refund decisions from the policy files on the classpath, unless the application supplies its own. */
    @Bean
    @ConditionalOnMissingBean({PremiumAssessor.class, RefundRules.class})
    PolicyCalculatorAssessor policyCalculatorAssessor() {
        return new PolicyCalculatorAssessor(PolicyCatalog.fromClasspath());
    }
}
