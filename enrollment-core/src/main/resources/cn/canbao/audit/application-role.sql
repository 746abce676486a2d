-- Least privilege for the role the application connects with (docs/security.md, "Audit log").
-- Run as the role that owns the schema and runs Flyway (spring.flyway.user), after the migrations;
-- then set the role's password and let the application connect as canbao_app
-- (SPRING_DATASOURCE_USERNAME). canbao_app reads and writes the business tables, but on audit_log
-- it may only INSERT and SELECT; not being the owner, it can neither drop nor disable the
-- append-only triggers. Re-running the script is harmless.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'canbao_app') THEN
        CREATE ROLE canbao_app LOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO canbao_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO canbao_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO canbao_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM canbao_app;
-- Tables of later migrations: the same rights, without re-running this script.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO canbao_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO canbao_app;
