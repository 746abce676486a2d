package cn.canbao.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own on the test server, for an upgrade test: created empty, migrated in steps (up to a version,
 * rows of that time written, then the rest), dropped on close.
 */
final class UpgradeDatabase implements AutoCloseable {

    private final JdbcTemplate server;
    private final String name;
    private final DataSource dataSource;

    private UpgradeDatabase(JdbcTemplate server, String name, DataSource dataSource) {
        this.server = server;
        this.name = name;
        this.dataSource = dataSource;
    }

    /** {@code pool} is the test's own data source; the new database lives on its server. */
    static UpgradeDatabase create(DataSource pool, String name) {
        JdbcTemplate server = new JdbcTemplate(pool);
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        server.execute("CREATE DATABASE " + name);
        HikariDataSource hikari = (HikariDataSource) pool;
        return new UpgradeDatabase(server, name, new DriverManagerDataSource(
                hikari.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), hikari.getUsername(), hikari.getPassword()));
    }

    /** Applies the migrations up to {@code target} (Flyway's notation: a version, "80?", "latest"). */
    void migrateTo(String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
