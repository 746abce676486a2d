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
 * on a temporary directory, deleted when the JVM exits; the running application keeps its data
 * between restarts because its own directory is never cleaned.
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
            EmbeddedPostgresServer server = dir == EPHEMERAL ? start(temporaryDirectory(), port, true) : start(dir, port, false);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        });
    }

    /** Starts a server that the caller owns and must close; its data directory is kept. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, false);
    }

    static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean deleteOnClose) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    // zonky deletes the directory on close when asked to (test runs would otherwise leave a
                    // data directory of up to a few GB in /tmp per test JVM)
                    .setCleanDataDirectory(deleteOnClose)
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
