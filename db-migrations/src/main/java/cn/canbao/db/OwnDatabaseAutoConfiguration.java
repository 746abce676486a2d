package cn.canbao.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.ClassUtils;

/**
 * The database when none is configured: a Testcontainers PostgreSQL if the test build asks for one
 * and a Docker engine answers, otherwise the embedded PostgreSQL. Setting
 * {@code SPRING_DATASOURCE_URL} (with username and password) switches this off entirely, and
 * {@code canbao.database.own=false} (the prod profile) forbids it, so production never silently runs
 * on a database inside the application's container.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Conditional(NoDatasourceUrlCondition.class)
@ConditionalOnProperty(name = "canbao.database.own", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DatabaseProperties.class)
public class OwnDatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OwnDatabaseAutoConfiguration.class);
    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";

    @Bean
    DataSource dataSource(DatabaseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("canbao");
        dataSource.setMaximumPoolSize(properties.poolSize() == null ? 20 : properties.poolSize());
        if (properties.testcontainers() && ClassUtils.isPresent(TESTCONTAINERS_CLASS, getClass().getClassLoader())
                && ContainerDatabase.dockerAvailable()) {
            ContainerDatabase container = ContainerDatabase.shared();
            log.info("Using Testcontainers PostgreSQL at {}", container.jdbcUrl());
            dataSource.setJdbcUrl(container.jdbcUrl());
            dataSource.setUsername(container.username());
            dataSource.setPassword(container.password());
            return dataSource;
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared(properties.effectiveDataDir(), properties.embeddedPort());
        log.info("Using embedded PostgreSQL on port {} with data in {}", server.port(), server.dataDirectory());
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        return dataSource;
    }
}
