-- The due amount collection reads (V46's collection_enrollment_v, assessed_fen) comes from the enrollment's current
-- accepted assessment in assessment_result (V32, docs/subsidy.md "One place for an enrollment's assessment"); the
-- columns and rows of the view are unchanged. Then the enrollment's old copy of the amount goes. This has to run
-- after V46 on a new database, hence its number outside the subsidy range (V30-39).
DROP VIEW collection_enrollment_v;
CREATE VIEW collection_enrollment_v AS
SELECT e.coverage_year,
       upper(r.document_number)::varchar(18) COLLATE "C"          AS id_number,
       r.name::varchar(100)                                       AS name,
       e.region_code,
       (e.registered_at AT TIME ZONE 'Asia/Shanghai')::date       AS registered_on,
       CASE WHEN a.accepted THEN a.personal_due_fen END           AS assessed_fen,
       r.phone                                                    AS contact_phone,
       e.payment_reference
FROM enrollment e
JOIN resident r ON r.id = e.resident_id
LEFT JOIN assessment_result a
       ON a.coverage_year = e.coverage_year AND a.county_code = e.county_code AND a.enrollment_id = e.id
WHERE e.status NOT IN ('SUSPENDED', 'TERMINATED')
  AND r.document_type IN ('RESIDENT_ID', 'RESIDENCE_PERMIT', 'HK_MO_TW_RESIDENCE_PERMIT');

ALTER TABLE enrollment DROP COLUMN personal_due_fen;
