-- One place for an enrollment's assessment (docs/subsidy.md "One place for an enrollment's assessment").
-- The current assessment of an enrollment is its row in assessment_result, written by the batch run and by the
-- single assessment of enrollment-core alike; the enrollment row no longer carries a copy of it. "Assessed" is
-- derived: a REGISTERED enrollment with a current accepted result (view enrollment_with_assessment).
--
-- 1. assessment_result: each year partition is partitioned by county, so a batch run can rebuild a county's
--    results in a fresh table and swap it in whole (ATTACH with a matching CHECK, no validation scan). A result
--    written by a single assessment has no run.

CREATE TEMP TABLE assessment_result_v30 AS SELECT * FROM assessment_result;
DROP TABLE assessment_result_2024, assessment_result_2025, assessment_result_2026, assessment_result_other;
ALTER TABLE assessment_result ALTER COLUMN run_id DROP NOT NULL;

CREATE TABLE assessment_result_2024 PARTITION OF assessment_result FOR VALUES IN (2024) PARTITION BY LIST (county_code);
CREATE TABLE assessment_result_2025 PARTITION OF assessment_result FOR VALUES IN (2025) PARTITION BY LIST (county_code);
CREATE TABLE assessment_result_2026 PARTITION OF assessment_result FOR VALUES IN (2026) PARTITION BY LIST (county_code);
-- Stays empty: assessment_result_partition creates a year's partition before anything of that year is written.
CREATE TABLE assessment_result_other PARTITION OF assessment_result DEFAULT;

-- The county's partition of a year, created (with the year's partition) when missing; returns it. Every writer
-- calls it under the county-year advisory lock first, so partitions are created in one order: county lock, then
-- the lock on partition creation.
CREATE FUNCTION assessment_result_partition(p_year integer, p_county varchar) RETURNS regclass
    LANGUAGE plpgsql AS
$$
DECLARE
    year_table   text := 'assessment_result_' || p_year;
    county_table text := 'assessment_result_' || p_year || '_' || p_county;
BEGIN
    IF p_county IS NULL OR p_county !~ '^[0-9]{6}$' OR p_year NOT BETWEEN 2000 AND 2999 THEN
        RAISE EXCEPTION 'no assessment partition for county % and year %', p_county, p_year;
    END IF;
    IF to_regclass(county_table) IS NOT NULL THEN
        RETURN county_table::regclass;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('assessment_result partitions', 0));
    IF to_regclass(year_table) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF assessment_result FOR VALUES IN (%s) PARTITION BY LIST (county_code)',
                       year_table, p_year);
    END IF;
    IF to_regclass(county_table) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', county_table, year_table, p_county);
    END IF;
    RETURN county_table::regclass;
END;
$$;

-- 2. The enrollments' own assessments move into assessment_result where they are newer than the stored result
--    (a single assessment after a batch run wrote only the enrollment). Their fingerprint 0 matches no input, so
--    the next batch run assesses them again and lists only real differences; the scheme is not known for them.
SELECT assessment_result_partition(coverage_year, county_code)
FROM (SELECT coverage_year, county_code FROM assessment_result_v30
      UNION SELECT coverage_year, county_code FROM enrollment WHERE policy_version IS NOT NULL AND personal_due_fen IS NOT NULL) AS c;

INSERT INTO assessment_result SELECT * FROM assessment_result_v30;
DROP TABLE assessment_result_v30;

INSERT INTO assessment_result (coverage_year, county_code, enrollment_id, region_code, policy_version, input_fingerprint,
    accepted, standard_fen, personal_due_fen, medical_assistance_fund_fen, disabled_persons_federation_fen,
    rural_revitalization_bureau_fen, veterans_affairs_bureau_fen, government_fen, county_finance_fen, person_paid, assessed_at)
SELECT e.coverage_year, e.county_code, e.id, e.region_code, e.policy_version, 0, true,
       e.personal_due_fen + coalesce(e.subsidy_fen, 0), e.personal_due_fen,
       coalesce((e.assessment_detail -> 'subsidiesFen' ->> 'MEDICAL_ASSISTANCE_FUND')::bigint, 0),
       coalesce((e.assessment_detail -> 'subsidiesFen' ->> 'DISABLED_PERSONS_FEDERATION')::bigint, 0),
       coalesce((e.assessment_detail -> 'subsidiesFen' ->> 'RURAL_REVITALIZATION_BUREAU')::bigint, 0),
       coalesce((e.assessment_detail -> 'subsidiesFen' ->> 'VETERANS_AFFAIRS_BUREAU')::bigint, 0),
       coalesce((e.assessment_detail -> 'subsidiesFen' ->> 'GOVERNMENT')::bigint, 0),
       coalesce((e.assessment_detail -> 'subsidiesFen' ->> 'COUNTY_FINANCE')::bigint, 0),
       e.status IN ('PAID', 'COVERED'), coalesce(e.assessed_at, now())
FROM enrollment e
WHERE e.policy_version IS NOT NULL AND e.personal_due_fen IS NOT NULL
ON CONFLICT (coverage_year, county_code, enrollment_id) DO UPDATE SET
    region_code = EXCLUDED.region_code, policy_version = EXCLUDED.policy_version, input_fingerprint = 0,
    accepted = true, rejection_reason = NULL, standard_fen = EXCLUDED.standard_fen,
    personal_due_fen = EXCLUDED.personal_due_fen, subsidy_mode = NULL, rule_id = NULL, deciding_identity = NULL,
    medical_assistance_fund_fen = EXCLUDED.medical_assistance_fund_fen,
    disabled_persons_federation_fen = EXCLUDED.disabled_persons_federation_fen,
    rural_revitalization_bureau_fen = EXCLUDED.rural_revitalization_bureau_fen,
    veterans_affairs_bureau_fen = EXCLUDED.veterans_affairs_bureau_fen, government_fen = EXCLUDED.government_fen,
    county_finance_fen = EXCLUDED.county_finance_fen, refund_due_fen = 0, person_paid = EXCLUDED.person_paid,
    run_id = NULL, assessed_at = EXCLUDED.assessed_at
WHERE assessment_result.assessed_at < EXCLUDED.assessed_at;

-- 3. The enrollment keeps its lifecycle (registered, paid, covered, suspended, terminated); ASSESSED is no longer
--    stored. The one-active-enrollment index keeps its predicate (ASSESSED simply never occurs), so the
--    ON CONFLICT clauses that name it stay valid.
UPDATE enrollment SET status = 'REGISTERED' WHERE status = 'ASSESSED';
ALTER TABLE enrollment DROP CONSTRAINT enrollment_assessed_has_policy;
ALTER TABLE enrollment DROP CONSTRAINT enrollment_status_check;
ALTER TABLE enrollment ADD CONSTRAINT enrollment_status_check
    CHECK (status IN ('REGISTERED', 'PAID', 'COVERED', 'SUSPENDED', 'TERMINATED'));
-- personal_due_fen goes in V51: collection's views V44/V46 read it, and on a new database they are created after
-- this migration. Nothing writes or reads it from here on.
ALTER TABLE enrollment DROP COLUMN policy_version, DROP COLUMN assessed_at, DROP COLUMN subsidy_fen,
    DROP COLUMN assessment_detail;

-- The enrollment as readers see it: its current assessment joined from assessment_result (accepted results only),
-- and ASSESSED for a registered enrollment that has one.
CREATE VIEW enrollment_with_assessment AS
SELECT e.id, e.coverage_year, e.county_code, e.region_code, e.resident_id, e.person_key, e.category, e.flow, e.school,
       (CASE WHEN e.status = 'REGISTERED' AND a.accepted THEN 'ASSESSED' ELSE e.status END)::varchar(20) AS status,
       e.registered_at, e.registered_by,
       CASE WHEN a.accepted THEN a.policy_version END AS policy_version,
       CASE WHEN a.accepted THEN a.assessed_at END AS assessed_at,
       CASE WHEN a.accepted THEN a.personal_due_fen END AS personal_due_fen,
       CASE WHEN a.accepted THEN a.medical_assistance_fund_fen + a.disabled_persons_federation_fen
           + a.rural_revitalization_bureau_fen + a.veterans_affairs_bureau_fen + a.government_fen + a.county_finance_fen
       END AS subsidy_fen,
       e.paid_at, e.paid_fen, e.payment_reference, e.coverage_start, e.coverage_end, e.ended_on, e.end_reason, e.end_note,
       e.version
FROM enrollment e
LEFT JOIN assessment_result a
       ON a.coverage_year = e.coverage_year AND a.county_code = e.county_code AND a.enrollment_id = e.id;

-- 4. A batch run writes no enrollment rows any more (V31 counted them).
ALTER TABLE assessment_run DROP COLUMN enrollments_updated;
