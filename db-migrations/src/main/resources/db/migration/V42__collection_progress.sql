-- Progress against targets: policy targets and milestones, entered official targets, bases,
-- cumulative rollups per region and day, and snapshots.

-- The region's collection policy for a year; applies to every unit below the region unless a
-- lower region has its own.
CREATE TABLE collection_target (
    region_code         varchar(12)  NOT NULL REFERENCES region (code),
    coverage_year       smallint     NOT NULL,
    base_rule           varchar(20)  NOT NULL CHECK (base_rule IN ('PRIOR_YEAR_PLUS_NEW', 'OFFICIAL_TARGET')),
    target_rate         numeric(5, 4) NOT NULL CHECK (target_rate > 0 AND target_rate <= 1),
    special_target_rate numeric(5, 4) CHECK (special_target_rate > 0 AND special_target_rate <= 1),
    window_start        date         NOT NULL,
    citation            text         NOT NULL,
    PRIMARY KEY (region_code, coverage_year)
);

CREATE TABLE collection_milestone (
    region_code    varchar(12)   NOT NULL,
    coverage_year  smallint      NOT NULL,
    due            date          NOT NULL,
    required_share numeric(5, 4) NOT NULL CHECK (required_share > 0 AND required_share <= 1),
    citation       text          NOT NULL,
    PRIMARY KEY (region_code, coverage_year, due),
    FOREIGN KEY (region_code, coverage_year) REFERENCES collection_target (region_code, coverage_year)
);

-- Official target counts (目标任务数) entered by county staff; history kept, the latest counts.
CREATE TABLE collection_official_target (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region_code   varchar(12) NOT NULL REFERENCES region (code),
    coverage_year smallint    NOT NULL,
    target_count  bigint      NOT NULL CHECK (target_count >= 0),
    entered_by    varchar(64) NOT NULL,
    entered_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collection_official_target_latest_idx ON collection_official_target (coverage_year, region_code, id DESC);

-- Per region (every level) and year: the parts of the base that do not move day by day.
-- official_target is the region's own entered count; targets_below sums those entered below it.
CREATE TABLE progress_base (
    coverage_year       smallint    NOT NULL,
    region_code         varchar(12) NOT NULL,
    prior_year_enrolled bigint      NOT NULL DEFAULT 0,
    special_population  bigint      NOT NULL DEFAULT 0,
    official_target     bigint,
    targets_below       bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (coverage_year, region_code)
);

-- Per region (every level), year and day with a change: the totals as of the end of that day.
-- The value on any date is the latest row on or before it, one index probe per region; changes
-- are added to the row of their day and every later row (incremental, issue 8).
CREATE TABLE progress_cumulative (
    coverage_year    smallint    NOT NULL,
    region_code      varchar(12) NOT NULL,
    day              date        NOT NULL,
    enrolled         bigint      NOT NULL,
    newly_registered bigint      NOT NULL,
    paid             bigint      NOT NULL,
    special_enrolled bigint      NOT NULL,
    special_paid     bigint      NOT NULL,
    PRIMARY KEY (coverage_year, region_code, day)
);

-- Kept history for trend charts: weekly villages and townships, every two weeks counties and up.
CREATE TABLE progress_snapshot (
    coverage_year      smallint    NOT NULL,
    region_code        varchar(12) NOT NULL,
    level              varchar(10) NOT NULL,
    taken_on           date        NOT NULL,
    base               bigint,
    enrolled           bigint      NOT NULL,
    paid               bigint      NOT NULL,
    special_population bigint      NOT NULL,
    special_paid       bigint      NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (coverage_year, region_code, taken_on)
);

-- A code and every ancestor code (village, township, county, city, province), from the digits.
CREATE FUNCTION collection_region_chain(code varchar) RETURNS varchar[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN length(code) = 12 AND right(code, 3) <> '000' THEN
            ARRAY[code, left(code, 9) || '000', left(code, 6), left(code, 4) || '00', left(code, 2) || '0000']
        WHEN length(code) = 12 THEN
            ARRAY[code, left(code, 6), left(code, 4) || '00', left(code, 2) || '0000']
        WHEN right(code, 4) = '0000' THEN ARRAY[code]
        WHEN right(code, 2) = '00' THEN ARRAY[code, left(code, 2) || '0000']
        ELSE ARRAY[code, left(code, 4) || '00', left(code, 2) || '0000']
    END::varchar[]
$$;
