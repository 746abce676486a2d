package cn.canbao.db;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database lives when no {@code spring.datasource.url} is configured.
 *
 * @param embeddedDataDir data directory of the embedded PostgreSQL; kept between runs so a restart
 *     loses nothing. Empty means a fresh temporary directory (what the test build uses).
 * @param embeddedPort fixed port for the embedded server, 0 for any free port
 * @param testcontainers use a Testcontainers PostgreSQL instead of the embedded one when a Docker
 *     engine answers (the test build turns this on)
 */
@ConfigurationProperties("canbao.database")
public record DatabaseProperties(Path embeddedDataDir, int embeddedPort, boolean testcontainers) {
}
