package cn.canbao.db;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database lives when no {@code spring.datasource.url} is configured.
 *
 * @param embeddedDataDir data directory of the embedded PostgreSQL; kept between runs so a restart
 *     loses nothing. Empty means a fresh temporary directory.
 * @param embeddedEphemeral always use a fresh temporary directory, whatever the data directory says:
 *     the test build sets it so tests never touch a developer's data
 * @param embeddedPort fixed port for the embedded server, 0 for any free port
 * @param testcontainers use a Testcontainers PostgreSQL instead of the embedded one when a Docker
 *     engine answers (the test build turns this on)
 * @param poolSize connections in the application's pool (default 20)
 */
@ConfigurationProperties("canbao.database")
public record DatabaseProperties(Path embeddedDataDir, boolean embeddedEphemeral, int embeddedPort, boolean testcontainers,
        Integer poolSize) {

    /** The directory to use, or null for a fresh temporary one. */
    public Path effectiveDataDir() {
        return embeddedEphemeral ? null : embeddedDataDir;
    }
}
