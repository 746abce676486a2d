-- Issue 8, the Citus path (docs/scaling.md): a table distributed by county_code needs the column in its primary key.
-- The collection tables distributed by county get county_code varchar(6) NOT NULL = the first six digits of the
-- region they belong to (for a city or province row that is the region's own code), written by every writer. The
-- keys keep their columns and order and gain county_code last, which the region (or collecting region) already
-- decides: their lookups stay prefix scans of the same index.
--
-- Each column is added as a stored generated column and then turned into a plain one: the existing rows are filled
-- by the one table rewrite of ADD COLUMN (no UPDATE, no dead rows, and payment_record's append-only trigger is not
-- involved), and from then on the writers fill it (Citus routes an INSERT by the distribution value it carries).
--
-- collection_person_status keeps its key (coverage_year, id_number): it is one row per person and year, and its
-- distribution column is the person (id_number), as for person_registry (docs/collection.md, decision 32).

-- The ledger, by the collecting county. A tax transaction belongs to one collecting region, so a record sent again
-- carries the same county and is still recognised by its key (docs/collection.md, decisions 1 and 31).
ALTER TABLE payment_record
    ADD COLUMN county_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(collecting_region, 6)) STORED;
ALTER TABLE payment_record ALTER COLUMN county_code DROP EXPRESSION;
ALTER TABLE payment_record DROP CONSTRAINT payment_record_pkey,
    ADD PRIMARY KEY (transaction_id, coverage_year, county_code);

-- Worklist items, by the county where the item is worked (region_code is never NULL: the enrollment's region, else
-- the collecting region). The table has no key to extend.
ALTER TABLE reconciliation_item
    ADD COLUMN county_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(region_code, 6)) STORED;
ALTER TABLE reconciliation_item ALTER COLUMN county_code DROP EXPRESSION;

ALTER TABLE lapse_followup
    ADD COLUMN county_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(region_code, 6)) STORED;
ALTER TABLE lapse_followup ALTER COLUMN county_code DROP EXPRESSION;
ALTER TABLE lapse_followup DROP CONSTRAINT lapse_followup_pkey, ADD PRIMARY KEY (id, county_code);

-- Progress rows exist for every level; a county's rollup also writes its city's and province's rows, which hash to
-- shards of their own (a multi-shard transaction, run by Citus with two-phase commit).
ALTER TABLE progress_base
    ADD COLUMN county_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(region_code, 6)) STORED;
ALTER TABLE progress_base ALTER COLUMN county_code DROP EXPRESSION;
ALTER TABLE progress_base DROP CONSTRAINT progress_base_pkey, ADD PRIMARY KEY (coverage_year, region_code, county_code);

ALTER TABLE progress_cumulative
    ADD COLUMN county_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(region_code, 6)) STORED;
ALTER TABLE progress_cumulative ALTER COLUMN county_code DROP EXPRESSION;
ALTER TABLE progress_cumulative DROP CONSTRAINT progress_cumulative_pkey,
    ADD PRIMARY KEY (coverage_year, region_code, day, county_code);

ALTER TABLE progress_snapshot
    ADD COLUMN county_code varchar(6) NOT NULL GENERATED ALWAYS AS (left(region_code, 6)) STORED;
ALTER TABLE progress_snapshot ALTER COLUMN county_code DROP EXPRESSION;
ALTER TABLE progress_snapshot DROP CONSTRAINT progress_snapshot_pkey,
    ADD PRIMARY KEY (coverage_year, region_code, taken_on, county_code);
