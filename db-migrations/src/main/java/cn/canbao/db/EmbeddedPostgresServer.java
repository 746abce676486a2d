package cn.canbao.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the binaries in the zonky Maven artifact.
 *
 * <p>One server per data directory and JVM: every Spring context of a test run shares one server
 * on a temporary directory, and the running application keeps its data between restarts because
 * its directory is never cleaned.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();
    private static final Path EPHEMERAL = Path.of("<temporary>");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** The server for this directory, started on first use and stopped when the JVM exits. */
    public static EmbeddedPostgresServer shared(Path dataDirectory, int port) {
        Path key = dataDirectory == null ? EPHEMERAL : dataDirectory.toAbsolutePath().normalize();
        return RUNNING.computeIfAbsent(key, dir -> {
            EmbeddedPostgresServer server = start(dir == EPHEMERAL ? temporaryDirectory() : dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        });
    }

    /** Starts a server that the caller owns and must close. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "Asia/Shanghai")
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("canbao-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
