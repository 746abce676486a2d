package cn.canbao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.region.RegionCode;
import cn.canbao.enrollment.support.TestPeople;

@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class AuditLogTest {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void anAuditedChangeIsReadBackWithBeforeAndAfter() {
        String entityId = "test-" + System.nanoTime();
        audit.recordIndependently(TestPeople.COUNTY_STAFF,
                AuditEntry.success("THING_CHANGED", "thing", entityId, "340321", Map.of("a", 1), Map.of("a", 2)));

        assertThat(audit.forEntity("thing", entityId)).singleElement().satisfies(r -> {
            assertThat(r.username()).isEqualTo("huaiyuan-staff");
            assertThat(r.before()).contains("\"a\": 1");
            assertThat(r.after()).contains("\"a\": 2");
        });
    }

    @Test
    void theDatabaseRefusesToUpdateDeleteOrTruncateTheAuditLog() {
        String entityId = "test-" + System.nanoTime();
        audit.recordIndependently(TestPeople.COUNTY_STAFF, AuditEntry.success("X", "thing", entityId, null, null, null));

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET username = 'someone-else' WHERE entity_id = :id")
                .param("id", entityId).update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE entity_id = :id").param("id", entityId).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_log").update()).rootCause().hasMessageContaining("append-only");
        assertThat(audit.forEntity("thing", entityId)).singleElement()
                .satisfies(r -> assertThat(r.username()).isEqualTo("huaiyuan-staff"));
    }

    @Test
    void aSearchFindsEntriesByUserActionResultAndTimeAndStaysInsideTheViewersRegion() {
        String action = "SEARCHED_" + System.nanoTime();
        audit.recordIndependently(TestPeople.COUNTY_STAFF, AuditEntry.success(action, "thing", "1", "340321", null, null));
        audit.recordIndependently(TestPeople.COUNTY_STAFF,
                AuditEntry.success(action, "thing", "2", "340321", null, null).withResult(AuditResult.REJECTED));
        audit.recordIndependently(TestPeople.COUNTY_STAFF, AuditEntry.success(action, "thing", "3", "150702", null, null));

        AuditQuery byAction = AuditQuery.all().withAction(action);
        assertThat(audit.search(byAction, RegionCode.of("340000")).rows()).extracting(AuditRecord::entityId)
                .containsExactly("2", "1");
        assertThat(audit.search(byAction, RegionCode.of("150000")).rows()).extracting(AuditRecord::entityId)
                .containsExactly("3");
        AuditQuery rejectedOnly = new AuditQuery(Optional.of("huaiyuan-staff"), Optional.of(action), Optional.of("thing"),
                Optional.empty(), Optional.of(AuditResult.REJECTED), Optional.of(RegionCode.of("340321")),
                Optional.of(Instant.now().minus(Duration.ofHours(1))), Optional.of(Instant.now().plus(Duration.ofHours(1))), 0, 10);
        assertThat(audit.search(rejectedOnly, RegionCode.of("340000")).rows()).extracting(AuditRecord::entityId)
                .containsExactly("2");
        AuditQuery tomorrow = new AuditQuery(Optional.empty(), Optional.of(action), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(Instant.now().plus(Duration.ofDays(1))), Optional.empty(), 0, 10);
        assertThat(audit.search(tomorrow, RegionCode.of("340000")).total()).isZero();
    }

    @Test
    void searchResultsArePagedNewestFirst() {
        String action = "PAGED_" + System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            audit.recordIndependently(TestPeople.COUNTY_STAFF, AuditEntry.success(action, "thing", i, "340321", null, null));
        }
        AuditQuery query = AuditQuery.all().withAction(action);
        AuditQuery secondPage = new AuditQuery(query.username(), query.action(), query.entityType(), query.entityId(),
                query.result(), query.regionCode(), query.from(), query.until(), 1, 2);

        AuditPage page = audit.search(secondPage, RegionCode.of("340000"));

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.pageCount()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.rows()).extracting(AuditRecord::entityId).containsExactly("3", "2");
    }

    @Test
    void anEventWithoutALoggedInUserKeepsTheUsernameAsTypedCutToTheColumn() {
        String tried = "x".repeat(100);
        String action = "LOGIN_TEST_" + System.nanoTime();
        audit.recordIndependently(tried, "203.0.113.9", new AuditEntry(action, "app_user", null, null, AuditResult.FAILED,
                null, Map.of("userAgent", "curl/8"), "bad credentials"));

        assertThat(audit.search(AuditQuery.all().withAction(action), RegionCode.of("340000")).rows()).singleElement()
                .satisfies(r -> {
                    assertThat(r.username()).hasSize(64);
                    assertThat(r.clientAddress()).isEqualTo("203.0.113.9");
                    assertThat(r.result()).isEqualTo(AuditResult.FAILED);
                    assertThat(r.after()).contains("curl/8");
                });
    }

    @Test
    void aQueryWhoseTimeRangeEndsBeforeItStartsIsRefused() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(now), Optional.of(now.minusSeconds(1)), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theApplicationRoleOfTheDocumentedDeploymentMayAddAuditRowsButNeitherChangeThemNorDisableTheTriggers() throws Exception {
        String script = new String(getClass().getResourceAsStream("application-role.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute(script);
            sql.execute("SET ROLE canbao_app");
            try {
                sql.execute("INSERT INTO audit_log (username, action, entity_type) VALUES ('canbao_app', 'ROLE_TEST', 'thing')");
                assertThat(refusal(sql, "UPDATE audit_log SET username = 'x' WHERE action = 'ROLE_TEST'")).contains("permission denied");
                assertThat(refusal(sql, "DELETE FROM audit_log WHERE action = 'ROLE_TEST'")).contains("permission denied");
                assertThat(refusal(sql, "TRUNCATE audit_log")).contains("permission denied");
                assertThat(refusal(sql, "ALTER TABLE audit_log DISABLE TRIGGER ALL")).contains("must be owner");
                assertThat(refusal(sql, "DROP TRIGGER audit_log_no_update_or_delete ON audit_log")).contains("must be owner");
                sql.execute("UPDATE app_user SET failed_logins = failed_logins WHERE false");
            } finally {
                sql.execute("RESET ROLE");
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ROLE_TEST'").query(Long.class).single()).isEqualTo(1);
    }

    private static String refusal(Statement sql, String statement) {
        try {
            sql.execute(statement);
            return "accepted";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
