package cn.canbao.db;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, one per JVM; only loaded when Testcontainers is on the classpath. */
final class ContainerDatabase {

    private static PostgreSQLContainer container;

    private ContainerDatabase() {
    }

    /** Asks Testcontainers only when there is a Docker endpoint at all, to keep its error log out of every run. */
    static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static synchronized ContainerDatabase shared() {
        if (container == null) {
            container = new PostgreSQLContainer("postgres:17");
            container.start();
        }
        return new ContainerDatabase();
    }

    String jdbcUrl() {
        return container.getJdbcUrl();
    }

    String username() {
        return container.getUsername();
    }

    String password() {
        return container.getPassword();
    }
}
