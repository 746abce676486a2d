-- A department roster is a list of statements, not a source of residents (docs/enrollment.md "Identity
-- statements"). person_identity now records each statement against the person key (the key enrollment
-- uses, cn.canbao.enrollment.person.PersonKey) instead of a resident id, with the name and region the
-- source gave, so a statement imported before the person registers applies once they do.
--
-- Layout: partitioned by coverage year (issue 8), and each year partition by roster import. A roster
-- import loads its lines into a table of its own created in the import's transaction (no index during
-- the load), builds its index after the load and attaches it as the partition of its import id; manual
-- entries live in the year's partition for roster_import_id NULL. The history trigger is declared on the
-- parent, so PostgreSQL clones it onto every partition, including the ones attached later.

-- The collection view over person_identity (V44) is redefined by key in R__identity_statement_views.sql,
-- which Flyway runs after every versioned migration (on a fresh database V44 runs after this one).
DROP VIEW IF EXISTS collection_special_member_v;

-- The rows written so far, keyed by their resident's person key.
CREATE TEMPORARY TABLE identity_before_v26 ON COMMIT DROP AS
SELECT i.*, r.person_key, r.name, r.region_code
FROM person_identity i JOIN resident r ON r.id = i.resident_id;

DROP TABLE person_identity;

CREATE SEQUENCE person_identity_id_seq;

CREATE TABLE person_identity (
    coverage_year    smallint     NOT NULL,
    county_code      varchar(6)   NOT NULL,
    person_key       varchar(40)  NOT NULL,
    -- What the source said about the person: shown for people known only from a roster.
    name             varchar(100),
    region_code      varchar(12),
    identity         varchar(30)  NOT NULL CHECK (identity IN ('TEKUN', 'ORPHAN', 'UNSUPPORTED_CHILD', 'DIBAO',
                         'DIBAO_MARGINAL', 'LOW_INCOME_RURAL', 'RETURN_TO_POVERTY', 'MONITORED',
                         'POVERTY_ALLEVIATED', 'SEVERE_DISABILITY', 'LAID_OFF_WORKER', 'ENTITLED_VETERAN',
                         'ONLY_DAUGHTER_FAMILY', 'ONLY_SON_FAMILY')),
    valid_from       date         NOT NULL,
    valid_to         date,
    source           varchar(30)  NOT NULL,
    roster_import_id bigint,
    source_line      bigint,
    source_file      varchar(255),
    source_date      date         NOT NULL,
    recorded_by      varchar(64)  NOT NULL,
    recorded_at      timestamptz  NOT NULL DEFAULT now(),
    note             varchar(200),
    -- Manual entries only; an imported statement is identified by (roster_import_id, source_line).
    id               bigint       DEFAULT nextval('person_identity_id_seq'),
    -- Never written. Only so that V44's original view definition still compiles when a fresh database is
    -- migrated in version order; R__identity_statement_views.sql replaces that view and drops the column.
    resident_id      bigint,
    CONSTRAINT person_identity_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CONSTRAINT person_identity_line_of_import CHECK ((roster_import_id IS NULL) = (source_line IS NULL)),
    CONSTRAINT person_identity_manual_has_id CHECK (roster_import_id IS NOT NULL OR id IS NOT NULL)
) PARTITION BY LIST (coverage_year);
ALTER SEQUENCE person_identity_id_seq OWNED BY person_identity.id;

-- A person's statements are found by person key. Bytewise (pattern) ordering: equality lookups use it
-- and the build after each import's load sorts without locale comparisons.
CREATE INDEX person_identity_person_key_idx ON person_identity (person_key varchar_pattern_ops);

CREATE TRIGGER person_identity_history_is_kept
    BEFORE UPDATE OR DELETE ON person_identity
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_table();

-- One year partition (itself partitioned by import) with its partition for manual entries.
CREATE FUNCTION create_person_identity_year(year smallint) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('CREATE TABLE person_identity_%s PARTITION OF person_identity FOR VALUES IN (%s)'
                   ' PARTITION BY LIST (roster_import_id)', year, year);
    EXECUTE format('CREATE TABLE person_identity_%s_manual PARTITION OF person_identity_%s FOR VALUES IN (NULL)',
                   year, year);
END;
$$;

-- The years a roster can be imported for are last year to next year; the partitions run well ahead.
-- Manual entries for any other year land in the DEFAULT partition.
SELECT create_person_identity_year(y::smallint) FROM generate_series(2024, 2035) y;
CREATE TABLE person_identity_other PARTITION OF person_identity DEFAULT;

-- The rows of earlier imports: one partition per (year, import), as the loader attaches them.
DO $$
DECLARE
    part record;
BEGIN
    FOR part IN SELECT DISTINCT coverage_year, roster_import_id FROM identity_before_v26
                WHERE roster_import_id IS NOT NULL AND coverage_year BETWEEN 2024 AND 2035 LOOP
        EXECUTE format('CREATE TABLE person_identity_%s_import_%s PARTITION OF person_identity_%s FOR VALUES IN (%s)',
                       part.coverage_year, part.roster_import_id, part.coverage_year, part.roster_import_id);
    END LOOP;
END;
$$;

INSERT INTO person_identity (coverage_year, county_code, person_key, name, region_code, identity, valid_from, valid_to,
    source, roster_import_id, source_line, source_file, source_date, recorded_by, recorded_at, note, id)
SELECT coverage_year, county_code, person_key, name, region_code, identity, valid_from, valid_to, source,
       roster_import_id, source_line, source_file, source_date, recorded_by, recorded_at, note,
       CASE WHEN roster_import_id IS NULL THEN id END
FROM identity_before_v26
WHERE roster_import_id IS NULL OR coverage_year BETWEEN 2024 AND 2035;
SELECT setval('person_identity_id_seq', coalesce((SELECT max(id) FROM person_identity), 0) + 1, false);

-- A roster creates no residents any more (residents are created by registration); the count is retired.
ALTER TABLE roster_import DROP COLUMN residents_created;
