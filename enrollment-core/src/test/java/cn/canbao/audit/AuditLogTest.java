package cn.canbao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.canbao.enrollment.support.EnrollmentTestConfiguration;
import cn.canbao.enrollment.support.TestPeople;

@SpringBootTest(classes = EnrollmentTestConfiguration.class)
class AuditLogTest {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

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
}
