package cn.canbao.enrollment.support;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import cn.canbao.enrollment.assessment.Assessment;
import cn.canbao.enrollment.assessment.PremiumAssessor;
import cn.canbao.enrollment.assessment.RefundDecision;
import cn.canbao.enrollment.assessment.RefundRules;
import cn.canbao.money.Money;
import cn.canbao.policy.Funder;
import cn.canbao.policy.Identity;

/**
 * The enrollment module on the real embedded PostgreSQL with all migrations, and a small fixed
 * policy standing in for the policy calculator: 400 yuan; 特困 paid in full by the medical
 * assistance fund; 低保 200 + 200 (呼医保发〔2024〕13号 二（一）（二）); refunds only before coverage starts.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"cn.canbao.enrollment", "cn.canbao.audit"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class EnrollmentTestConfiguration {

    public static final String POLICY_VERSION = "test-policy-2025";
    /** Tests run on a fixed day inside the 2025 concentrated collection window. */
    public static final java.time.LocalDate TODAY = java.time.LocalDate.of(2024, 10, 15);

    @Bean
    java.time.Clock fixedClock() {
        return java.time.Clock.fixed(TODAY.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant(),
                java.time.ZoneId.of("Asia/Shanghai"));
    }

    @Bean
    PremiumAssessor fixedPolicy() {
        return request -> {
            Money standard = Money.ofYuan(400);
            Map<Funder, Money> subsidies = new EnumMap<>(Funder.class);
            if (request.identities().contains(Identity.TEKUN)) {
                subsidies.put(Funder.MEDICAL_ASSISTANCE_FUND, standard);
                return new Assessment(POLICY_VERSION, Money.ZERO, subsidies, List.of("特困人员全额资助"));
            }
            if (request.identities().contains(Identity.DIBAO)) {
                subsidies.put(Funder.MEDICAL_ASSISTANCE_FUND, Money.ofYuan(200));
                return new Assessment(POLICY_VERSION, Money.ofYuan(200), subsidies, List.of("低保对象定额资助200元"));
            }
            return new Assessment(POLICY_VERSION, standard, subsidies, List.of("普通人员400元"));
        };
    }

    @Bean
    RefundRules beforeCoverageOnly() {
        return c -> c.coverageStart() != null && c.requestedOn().isBefore(c.coverageStart())
                ? new RefundDecision(true, c.paid(), "待遇享受期开始前可退费", POLICY_VERSION)
                : new RefundDecision(false, Money.ZERO, "进入待遇享受期不予退费", POLICY_VERSION);
    }
}
