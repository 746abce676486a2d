package cn.canbao.web.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import cn.canbao.enrollment.person.ResidentIdNumber;

/**
 * The database connection of a request is lost in the middle of its transaction (its backend is
 * terminated with {@code pg_terminate_backend} while it waits inside the INSERT): the caller gets
 * an error without SQL or a stack trace, nothing of the request is written, and the next request
 * on a fresh connection succeeds. A real server on a random port, because the error answer is
 * made by the servlet container's error dispatch, which MockMvc does not run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class DatabaseConnectionLossFaultTest {

    private static final String PASSWORD = "Canbao@2025";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private static String idNumber() {
        String birth = LocalDate.of(1945, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private HttpResponse<String> register(String documentNumber) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("huaiyuan.staff:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/residents"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"断线测试","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"340321001000",
                         "category":"RESIDENT","phone":"13812345678"}""".formatted(documentNumber)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aConnectionLostInTheMiddleOfARegistrationGivesAnErrorAndWritesNothing() throws Exception {
        String documentNumber = idNumber();
        long auditBefore = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'RESIDENT_REGISTERED'", Long.class);
        HttpResponse<String> lost;
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                // Reads go on; the request's INSERT waits here, inside its transaction.
                lock.execute("LOCK TABLE resident IN SHARE ROW EXCLUSIVE MODE");
            }
            CompletableFuture<HttpResponse<String>> request = CompletableFuture.supplyAsync(() -> {
                try {
                    return register(documentNumber);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Integer waiting = null;
            for (int i = 0; i < 1500 && waiting == null; i++) {
                waiting = jdbc.query("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into resident%'",
                        rs -> rs.next() ? rs.getInt(1) : null);
                Thread.sleep(20);
            }
            assertThat(waiting).as("the registration's INSERT waiting for the lock").isNotNull();
            assertThat(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, waiting)).isTrue();
            locker.rollback();
            lost = request.get(60, TimeUnit.SECONDS);
        }

        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(503);
        assertThat(lost.body()).contains("本次操作没有保存");
        assertThat(lost.body()).doesNotContainIgnoringCase("sql").doesNotContain("org.postgresql")
                .doesNotContain("Exception").doesNotContain("at cn.canbao");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM resident WHERE document_number = ?", Long.class, documentNumber)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'RESIDENT_REGISTERED'", Long.class))
                .isEqualTo(auditBefore);

        HttpResponse<String> retried = register(documentNumber);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM resident WHERE document_number = ?", Long.class, documentNumber)).isOne();
    }
}
