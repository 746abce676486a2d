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
@ComponentScan(basePackages = {"cn.canbao.collection", "cn.canbao.enrollment", "cn.canbao.audit"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class CollectionTestConfiguration {
}
