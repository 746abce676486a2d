package cn.canbao.policy.version;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import cn.canbao.policy.effective.PolicyCatalog;

/**
 * Makes {@link PolicyVersionService} available in any application with a database, and loads the policy files
 * at start ({@code canbao.policy.load-files=false} switches the loading off).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
public class PolicyVersionAutoConfiguration {

    @Bean
    PolicyVersionRepository policyVersionRepository(DataSource dataSource) {
        return new PolicyVersionRepository(dataSource);
    }

    @Bean
    PolicyVersionService policyVersionService(PolicyVersionRepository repository) {
        return new PolicyVersionService(repository);
    }

    @Bean
    @ConditionalOnProperty(name = "canbao.policy.load-files", havingValue = "true", matchIfMissing = true)
    ApplicationRunner policyFilesLoader(PolicyVersionService service) {
        return arguments -> service.loadFiles(PolicyCatalog.readClasspathFiles());
    }
}
