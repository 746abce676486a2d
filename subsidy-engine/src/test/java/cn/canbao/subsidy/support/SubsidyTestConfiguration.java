package cn.canbao.subsidy.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** The subsidy engine with the enrollment module's audit log on the real embedded PostgreSQL with all migrations. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"cn.canbao.subsidy", "cn.canbao.audit"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class SubsidyTestConfiguration {
}
