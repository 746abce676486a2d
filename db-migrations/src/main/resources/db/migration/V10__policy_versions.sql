-- Versioned policies (issue 3). One row per version of the policy file of one region and coverage year.
-- A version is never edited in place: a change inserts the next version with who, when and why.
CREATE TABLE policy_version (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code    varchar(12)  NOT NULL,
    coverage_year  integer      NOT NULL CHECK (coverage_year BETWEEN 2000 AND 2100),
    version        integer      NOT NULL CHECK (version >= 1),
    file_name      varchar(64)  NOT NULL,
    content        text         NOT NULL,
    content_sha256 char(64)     NOT NULL,
    -- FILE: loaded from policy-rules/src/main/resources/policies at start; USER: a change by ADMIN or COUNTY_STAFF.
    source         varchar(10)  NOT NULL CHECK (source IN ('FILE', 'USER')),
    created_by     varchar(64)  NOT NULL,
    created_role   varchar(20)  CHECK (created_role IS NULL OR created_role IN ('ADMIN', 'COUNTY_STAFF')),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    reason         text         NOT NULL CHECK (length(trim(reason)) > 0),
    CONSTRAINT policy_version_unique UNIQUE (region_code, coverage_year, version),
    CONSTRAINT policy_version_user_has_role CHECK (source = 'FILE' OR created_role IS NOT NULL)
);
CREATE INDEX policy_version_latest_idx ON policy_version (region_code, coverage_year, version DESC);

CREATE FUNCTION policy_version_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'policy versions are never edited or deleted; store a new version instead';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER policy_version_immutable BEFORE UPDATE OR DELETE ON policy_version
    FOR EACH ROW EXECUTE FUNCTION policy_version_is_immutable();

-- The combination of file versions an effective (inherited) policy was built from: the one id an
-- assessment records. source_version_ids lists the policy_version ids, the region's own (nearest) file first.
CREATE TABLE policy_effective_version (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code        varchar(12) NOT NULL,
    coverage_year      integer     NOT NULL,
    source_version_ids bigint[]    NOT NULL CHECK (cardinality(source_version_ids) >= 1),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT policy_effective_version_unique UNIQUE (region_code, coverage_year, source_version_ids)
);
