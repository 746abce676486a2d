-- Issue 8: every table that grows by a coverage year's worth of rows is LIST-partitioned by coverage_year, so a
-- year is one partition (dropped, detached or archived whole) and a query for one year reads one partition.
-- enrollment, person_identity, assessment_result and payment_record already are (V22, V23, V30, V40), with
-- partitions for 2024 and 2025 (the years in the policy files) and 2026, plus DEFAULT. progress_snapshot (V42),
-- the weekly history behind the trend charts, was the one left plain; it gets the same shape here.
ALTER TABLE progress_snapshot RENAME TO progress_snapshot_plain;
ALTER INDEX progress_snapshot_pkey RENAME TO progress_snapshot_plain_pkey;

CREATE TABLE progress_snapshot (
    LIKE progress_snapshot_plain INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (coverage_year, region_code, taken_on)
) PARTITION BY LIST (coverage_year);
CREATE TABLE progress_snapshot_2024 PARTITION OF progress_snapshot FOR VALUES IN (2024);
CREATE TABLE progress_snapshot_2025 PARTITION OF progress_snapshot FOR VALUES IN (2025);
CREATE TABLE progress_snapshot_2026 PARTITION OF progress_snapshot FOR VALUES IN (2026);
CREATE TABLE progress_snapshot_other PARTITION OF progress_snapshot DEFAULT;

INSERT INTO progress_snapshot SELECT * FROM progress_snapshot_plain;
DROP TABLE progress_snapshot_plain;
