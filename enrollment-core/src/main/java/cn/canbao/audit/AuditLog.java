package cn.canbao.audit;

import java.sql.Types;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log (table audit_log; the database refuses UPDATE, DELETE and TRUNCATE).
 * {@link #record} joins the caller's transaction, so a change and its audit row commit or roll back
 * together; {@link #recordIndependently} commits on its own, for refusals whose transaction rolls back.
 */
@Repository
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DETAIL_LIMIT = 2000;

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, AuditEntry entry) {
        insert(actor, entry);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(Actor actor, AuditEntry entry) {
        insert(actor, entry);
    }

    private void insert(Actor actor, AuditEntry entry) {
        String detail = entry.detail();
        if (detail != null && detail.length() > DETAIL_LIMIT) {
            detail = detail.substring(0, DETAIL_LIMIT);
        }
        jdbc.sql("""
                INSERT INTO audit_log (username, client_address, action, entity_type, entity_id, region_code, result,
                                       before_state, after_state, detail)
                VALUES (:username, :client, :action, :entityType, :entityId, :region, :result,
                        CAST(:before AS jsonb), CAST(:after AS jsonb), :detail)
                """)
                .param("username", actor.username())
                .param("client", actor.clientAddress(), Types.VARCHAR)
                .param("action", entry.action())
                .param("entityType", entry.entityType())
                .param("entityId", entry.entityId(), Types.VARCHAR)
                .param("region", entry.regionCode(), Types.VARCHAR)
                .param("result", entry.result().name())
                .param("before", entry.before() == null ? null : JSON.writeValueAsString(entry.before()), Types.VARCHAR)
                .param("after", entry.after() == null ? null : JSON.writeValueAsString(entry.after()), Types.VARCHAR)
                .param("detail", detail, Types.VARCHAR)
                .update();
    }

    /** The history of one entity, newest first. */
    public List<AuditRecord> forEntity(String entityType, String entityId) {
        return jdbc.sql("""
                SELECT id, occurred_at, username, client_address, action, entity_type, entity_id, region_code, result,
                       before_state::text AS before_state, after_state::text AS after_state, detail
                FROM audit_log WHERE entity_type = :type AND entity_id = :id ORDER BY id DESC
                """)
                .param("type", entityType)
                .param("id", entityId)
                .query((rs, n) -> new AuditRecord(rs.getLong("id"), rs.getObject("occurred_at", java.time.OffsetDateTime.class),
                        rs.getString("username"), rs.getString("client_address"), rs.getString("action"),
                        rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("region_code"),
                        AuditResult.valueOf(rs.getString("result")), rs.getString("before_state"),
                        rs.getString("after_state"), rs.getString("detail")))
                .list();
    }
}
