package cn.canbao.subsidy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import cn.canbao.policy.effective.PolicyCatalog;

/** The policy catalog the subsidy engine uses, unless the application provides its own (e.g. stored versions). */
@AutoConfiguration
public class SubsidyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PolicyCatalog policyCatalog() {
        return PolicyCatalog.fromClasspath();
    }
}
