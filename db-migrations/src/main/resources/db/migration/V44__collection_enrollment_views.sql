-- The two narrow views collection reads enrollment data through (docs/collection.md,
-- "Enrollment data"). Only documents whose number is the 18-character GB 11643 number the tax
-- bureau files carry (resident ID, residence permit, HK/Macao/Taiwan residence permit) take part in reconciliation;
-- a passport or birth-certificate enrollment cannot be matched to a tax record by number.

-- One row per person and coverage year with an active enrollment.
CREATE VIEW collection_enrollment_v AS
SELECT e.coverage_year,
       upper(r.document_number)::varchar(18) COLLATE "C"          AS id_number,
       r.name::varchar(100)                                       AS name,
       e.region_code,
       (e.registered_at AT TIME ZONE 'Asia/Shanghai')::date       AS registered_on,
       CASE WHEN e.status = 'REGISTERED' THEN NULL ELSE e.personal_due_fen END AS assessed_fen,
       -- 先缴后补 refunds are not yet exposed by the enrollment side: none is expected here.
       0::bigint                                                  AS later_refund_fen,
       r.phone                                                    AS contact_phone
FROM enrollment e
JOIN resident r ON r.id = e.resident_id
WHERE e.status NOT IN ('SUSPENDED', 'TERMINATED')
  AND r.document_type IN ('RESIDENT_ID', 'RESIDENCE_PERMIT', 'HK_MO_TW_RESIDENCE_PERMIT');

-- Holders of a low-income or poverty-alleviated identity (cn.canbao.collection.progress.SpecialPopulation)
-- for a coverage year, one row per person, with the identities they hold.
CREATE VIEW collection_special_member_v AS
SELECT i.coverage_year,
       upper(r.document_number)::varchar(18) COLLATE "C" AS id_number,
       r.name::varchar(100)                              AS name,
       r.region_code,
       string_agg(DISTINCT i.identity, ',' ORDER BY i.identity)::varchar(200) AS identities,
       r.phone                                           AS contact_phone
FROM person_identity i
JOIN resident r ON r.id = i.resident_id
WHERE i.identity IN ('TEKUN', 'ORPHAN', 'UNSUPPORTED_CHILD', 'DIBAO', 'DIBAO_MARGINAL', 'LOW_INCOME_RURAL',
                     'RETURN_TO_POVERTY', 'MONITORED', 'POVERTY_ALLEVIATED')
  AND (i.valid_to IS NULL OR i.valid_to >= make_date(i.coverage_year - 1, 9, 1))
  AND r.died_on IS NULL
  AND r.document_type IN ('RESIDENT_ID', 'RESIDENCE_PERMIT', 'HK_MO_TW_RESIDENCE_PERMIT')
GROUP BY i.coverage_year, r.id, r.document_number, r.name, r.region_code, r.phone;
