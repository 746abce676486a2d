-- Append-only audit log every module writes to (cn.canbao.audit.AuditLog): who, when, from where,
-- what, result, before/after. UPDATE, DELETE and TRUNCATE are refused by triggers, so no code path
-- (and no SQL typed by an operator through the application role) can alter history.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz  NOT NULL DEFAULT clock_timestamp(),
    username       varchar(64)  NOT NULL,
    client_address varchar(64),
    action         varchar(40)  NOT NULL,
    entity_type    varchar(40)  NOT NULL,
    entity_id      varchar(64),
    region_code    varchar(12),
    result         varchar(20)  NOT NULL DEFAULT 'SUCCESS' CHECK (result IN ('SUCCESS', 'REJECTED', 'FAILED')),
    before_state   jsonb,
    after_state    jsonb,
    detail         varchar(2000)
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
-- Time-ordered inserts: a BRIN index answers date-range searches at a fraction of a btree's size.
CREATE INDEX audit_log_occurred_idx ON audit_log USING brin (occurred_at);

CREATE FUNCTION refuse_change_of_append_only_table() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_table();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_table();
