-- Views over person_identity that are defined by person key since V26. Repeatable: Flyway runs it after all
-- versioned migrations, so it also replaces V44's original definition on a fresh database (where V44 runs after V26).
DROP VIEW IF EXISTS collection_special_member_v;
-- V26 kept this column only for V44's original view definition; nothing reads or writes it.
ALTER TABLE person_identity DROP COLUMN IF EXISTS resident_id;

-- Holders of a low-income or poverty-alleviated identity (cn.canbao.collection.progress.SpecialPopulation)
-- for a coverage year, one row per person, with the identities they hold. Now also people known only from a
-- roster: they are shown with the name and region of their latest statement. Only person keys of the
-- 18-character GB 11643 numbers ('CN' + number: resident ID, residence permits) take part, as before.
CREATE VIEW collection_special_member_v AS
WITH held AS (
    SELECT i.coverage_year, i.person_key,
           string_agg(DISTINCT i.identity, ',' ORDER BY i.identity) AS identities,
           (array_agg(i.name ORDER BY i.recorded_at DESC, i.source_line DESC NULLS LAST) FILTER (WHERE i.name IS NOT NULL))[1]
               AS stated_name,
           (array_agg(i.region_code ORDER BY i.recorded_at DESC, i.source_line DESC NULLS LAST)
               FILTER (WHERE i.region_code IS NOT NULL))[1] AS stated_region
    FROM person_identity i
    WHERE i.identity IN ('TEKUN', 'ORPHAN', 'UNSUPPORTED_CHILD', 'DIBAO', 'DIBAO_MARGINAL', 'LOW_INCOME_RURAL',
                         'RETURN_TO_POVERTY', 'MONITORED', 'POVERTY_ALLEVIATED')
      AND (i.valid_to IS NULL OR i.valid_to >= make_date(i.coverage_year - 1, 9, 1))
      AND i.person_key LIKE 'CN%'
    GROUP BY i.coverage_year, i.person_key)
SELECT h.coverage_year,
       upper(substr(h.person_key, 3))::varchar(18) COLLATE "C" AS id_number,
       coalesce(r.name, h.stated_name)::varchar(100)            AS name,
       coalesce(r.region_code, h.stated_region)::varchar(12)    AS region_code,
       h.identities::varchar(200)                               AS identities,
       r.phone                                                  AS contact_phone
FROM held h
LEFT JOIN resident r ON r.person_key = h.person_key
WHERE r.died_on IS NULL;
