package cn.canbao.collection;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The collection module's beans, with the enrollment services it moves along with the tax ledger, on the
 * real embedded PostgreSQL with every Flyway migration applied and the policy files loaded.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// enrollment-core's test classes are on this classpath when the reactor runs without packaging (its test-jar then is
// its test-classes folder): its test configuration (a fixed clock in 2024, a fixed policy) must not join this context.
@ComponentScan(basePackages = {"cn.canbao.collection", "cn.canbao.enrollment", "cn.canbao.audit"},
        excludeFilters = {@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "cn\\.canbao\\.enrollment\\.support\\..*")})
public class CollectionTestConfiguration {
}
