package cn.canbao.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

import cn.canbao.region.RegionCode;

/**
 * The append-only audit log (table audit_log; the database refuses UPDATE, DELETE and TRUNCATE).
 * {@link #record} joins the caller's transaction, so a change and its audit row commit or roll back
 * together; {@link #recordIndependently} commits on its own, for refusals whose transaction rolls back.
 */
@Repository
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DETAIL_LIMIT = 2000;
    private static final int USERNAME_LIMIT = 64;
    private static final String COLUMNS = """
            id, occurred_at, username, client_address, action, entity_type, entity_id, region_code, result,
            before_state::text AS before_state, after_state::text AS after_state, detail""";

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

    /**
     * For events without a logged-in actor, such as a failed login: the username as it was typed
     * (cut to the column's 64 characters) and the client address.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(String usernameTried, String clientAddress, AuditEntry entry) {
        String username = usernameTried == null || usernameTried.isBlank() ? "(blank)" : usernameTried;
        insert(username.length() > USERNAME_LIMIT ? username.substring(0, USERNAME_LIMIT) : username, clientAddress, entry);
    }

    private void insert(Actor actor, AuditEntry entry) {
        insert(actor.username(), actor.clientAddress(), entry);
    }

    private void insert(String username, String clientAddress, AuditEntry entry) {
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
                .param("username", username)
                .param("client", clientAddress, Types.VARCHAR)
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
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_log WHERE entity_type = :type AND entity_id = :id ORDER BY id DESC")
                .param("type", entityType)
                .param("id", entityId)
                .query(AuditLog::toRecord)
                .list();
    }

    /**
     * One page of the entries matching the query, newest first, limited to the viewer's region: rows
     * of that region or below, and rows that belong to no region (such as logins with an unknown
     * username). Every filter is a bound parameter.
     */
    public AuditPage search(AuditQuery query, RegionCode viewerScope) {
        StringBuilder where = new StringBuilder(" WHERE (region_code IS NULL OR region_code LIKE :scope)");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", viewerScope.likePattern());
        query.username().ifPresent(u -> {
            where.append(" AND username = :username");
            params.put("username", u);
        });
        query.action().ifPresent(a -> {
            where.append(" AND action = :action");
            params.put("action", a);
        });
        query.entityType().ifPresent(t -> {
            where.append(" AND entity_type = :entityType");
            params.put("entityType", t);
        });
        query.entityId().ifPresent(i -> {
            where.append(" AND entity_id = :entityId");
            params.put("entityId", i);
        });
        query.result().ifPresent(r -> {
            where.append(" AND result = :result");
            params.put("result", r.name());
        });
        query.regionCode().ifPresent(r -> {
            where.append(" AND region_code LIKE :region");
            params.put("region", r.likePattern());
        });
        query.from().ifPresent(f -> {
            where.append(" AND occurred_at >= :from");
            params.put("from", f.atOffset(ZoneOffset.UTC));
        });
        query.until().ifPresent(u -> {
            where.append(" AND occurred_at < :until");
            params.put("until", u.atOffset(ZoneOffset.UTC));
        });
        long total = jdbc.sql("SELECT count(*) FROM audit_log" + where).params(params).query(Long.class).single();
        List<AuditRecord> rows = jdbc.sql("SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", query.pageSize())
                .param("offset", (long) query.page() * query.pageSize())
                .query(AuditLog::toRecord)
                .list();
        return new AuditPage(rows, total, query.page(), query.pageSize());
    }

    private static AuditRecord toRecord(ResultSet rs, int rowNum) throws SQLException {
        return new AuditRecord(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
                rs.getString("username"), rs.getString("client_address"), rs.getString("action"),
                rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("region_code"),
                AuditResult.valueOf(rs.getString("result")), rs.getString("before_state"),
                rs.getString("after_state"), rs.getString("detail"));
    }
}
