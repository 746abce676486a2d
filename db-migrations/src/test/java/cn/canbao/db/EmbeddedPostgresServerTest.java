package cn.canbao.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt(@TempDir Path dataDirectory) throws SQLException {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory, 0);
             Connection connection = connect(first);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (name text)");
            statement.execute("INSERT INTO kept VALUES ('引凤街道')");
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDirectory, 0);
             Connection connection = connect(second);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("引凤街道");
        }
    }

    @Test
    void theSharedServerIsStartedOncePerDirectoryAndJvm() {
        EmbeddedPostgresServer one = EmbeddedPostgresServer.shared(null, 0);
        EmbeddedPostgresServer two = EmbeddedPostgresServer.shared(null, 0);
        assertThat(one).isSameAs(two);
        assertThat(one.jdbcUrl()).startsWith("jdbc:postgresql://localhost:" + one.port());
    }

    @Test
    void aTemporaryServersDataDirectoryIsDeletedWhenItStops(@TempDir Path parent) throws Exception {
        Path dataDirectory = parent.resolve("temporary");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0, true);
             Connection connection = connect(server)) {
            assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        }

        assertThat(dataDirectory).doesNotExist();
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
    }
}
