package cn.canbao.enrollment;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import cn.canbao.enrollment.assessment.PolicyCalculatorAssessor;
import cn.canbao.enrollment.assessment.PremiumAssessor;
import cn.canbao.enrollment.assessment.RefundRules;
import cn.canbao.policy.effective.PolicyCatalog;
import cn.canbao.policy.version.PolicyVersionService;

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

    /**
     * Assessment and refund decisions by the policy calculator, unless the application supplies its
     * own: over the stored policy versions when the policy module's version service runs (so edits
     * by county staff apply at once and assessments record the effective version id), otherwise over
     * the policy files on the classpath.
     */
    @Bean
    @ConditionalOnMissingBean({PremiumAssessor.class, RefundRules.class})
    PolicyCalculatorAssessor policyCalculatorAssessor(ObjectProvider<PolicyVersionService> versions) {
        PolicyVersionService service = versions.getIfAvailable();
        return service != null ? PolicyCalculatorAssessor.fromVersions(service) : new PolicyCalculatorAssessor(PolicyCatalog.fromClasspath());
    }
}
