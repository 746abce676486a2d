-- 1. collection_enrollment_v without later_refund_fen: 先缴后补 refunds (怀远县2025年度居民医保参保缴费工作方案 二（三）)
--    are owed and paid in subsidy-engine's refund_ledger; reconciliation compares the ledger with what the
--    person must pay up front (the enrollment's personal due) and does not list them a second time
--    (docs/collection.md, decision 25). payment_reference (the payment the enrollment was marked paid by)
--    lets the tax ledger tell whether it changed an enrollment (decision 27).
DROP VIEW collection_enrollment_v;
CREATE VIEW collection_enrollment_v AS
SELECT e.coverage_year,
       upper(r.document_number)::varchar(18) COLLATE "C"          AS id_number,
       r.name::varchar(100)                                       AS name,
       e.region_code,
       (e.registered_at AT TIME ZONE 'Asia/Shanghai')::date       AS registered_on,
       CASE WHEN e.status = 'REGISTERED' THEN NULL ELSE e.personal_due_fen END AS assessed_fen,
       r.phone                                                    AS contact_phone,
       e.payment_reference
FROM enrollment e
JOIN resident r ON r.id = e.resident_id
WHERE e.status NOT IN ('SUSPENDED', 'TERMINATED')
  AND r.document_type IN ('RESIDENT_ID', 'RESIDENCE_PERMIT', 'HK_MO_TW_RESIDENCE_PERMIT');

-- 2. Targets and milestones come from the policy files (collectionTargets) only: the rows V43 seeded are
--    removed; cn.canbao.collection.progress.PolicyTargets rewrites both tables from the latest policy
--    versions at start and whenever a policy version changes. source_policy_version records which.
DELETE FROM collection_milestone WHERE (region_code, coverage_year) IN (('150700', 2025), ('340321', 2025));
DELETE FROM collection_target WHERE (region_code, coverage_year) IN (('150700', 2025), ('340321', 2025));
ALTER TABLE collection_target ADD COLUMN source_policy_version bigint;
