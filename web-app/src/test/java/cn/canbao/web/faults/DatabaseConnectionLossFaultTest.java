package cn.canbao.web.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import cn.canbao.enrollment.person.ResidentIdNumber;

/**
 * The database connection of a request is lost in the middle of its transaction (its backend is
 * terminated with {@code pg_terminate_backend} while it waits inside the INSERT): the caller gets
 * an error without SQL or a stack trace, nothing of the request is written, and the next request
 * on a fresh connection succeeds.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class DatabaseConnectionLossFaultTest {

    private static final String PASSWORD = "Canbao@2025";

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    private static String idNumber() {
        String birth = LocalDate.of(1945, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "340321" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private MockHttpServletResponse register(String documentNumber) throws Exception {
        return mvc.perform(post("/api/v1/residents").with(httpBasic("huaiyuan.staff", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"断线测试","documentType":"RESIDENT_ID","documentNumber":"%s","regionCode":"340321001000",
                                 "category":"RESIDENT","phone":"13812345678"}""".formatted(documentNumber)))
                .andReturn().getResponse();
    }

    @Test
    void aConnectionLostInTheMiddleOfARegistrationGivesAnErrorAndWritesNothing() throws Exception {
        String documentNumber = idNumber();
        long auditBefore = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'RESIDENT_REGISTERED'", Long.class);
        MockHttpServletResponse lost;
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                // Reads go on; the request's INSERT waits here, inside its transaction.
                lock.execute("LOCK TABLE resident IN SHARE ROW EXCLUSIVE MODE");
            }
            CompletableFuture<MockHttpServletResponse> request = CompletableFuture.supplyAsync(() -> {
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

        assertThat(lost.getStatus()).isGreaterThanOrEqualTo(500);
        assertThat(lost.getContentAsString()).doesNotContainIgnoringCase("sql").doesNotContain("org.postgresql")
                .doesNotContain("Exception").doesNotContain("at cn.canbao");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM resident WHERE document_number = ?", Long.class, documentNumber)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'RESIDENT_REGISTERED'", Long.class))
                .isEqualTo(auditBefore);

        MockHttpServletResponse retried = register(documentNumber);

        assertThat(retried.getStatus()).as(retried.getContentAsString()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM resident WHERE document_number = ?", Long.class, documentNumber)).isOne();
    }
}
