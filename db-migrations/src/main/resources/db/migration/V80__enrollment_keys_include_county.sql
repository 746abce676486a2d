-- The path past one PostgreSQL is Citus with county_code as the distribution column (docs/scaling.md). Citus
-- needs the distribution column in every primary key of a distributed table and on both sides of every
-- foreign key between two of them (so the two rows live on the same worker). household, resident, enrollment
-- and refund_request carried county_code already; here it joins their keys.
--
-- The id stays the first key column: every lookup by id alone (a resident's page, an enrollment by id and year)
-- still probes the key's index; Citus only needs the column included, not leading.
--
-- What this asks of the data, kept by the services and now by the keys: a household's members are registered in
-- its county, a person's enrollments and refund requests are in the county where the person is registered, and
-- a registered person's county does not change (a move to another county is a transfer, docs/enrollment.md).
-- Rows that break this make the migration fail on the foreign key named below; list them with, for example,
--   SELECT e.id FROM enrollment e JOIN resident r ON r.id = e.resident_id WHERE r.county_code <> e.county_code;

ALTER TABLE refund_request DROP CONSTRAINT refund_request_enrollment_id_coverage_year_fkey;
ALTER TABLE refund_request DROP CONSTRAINT refund_request_resident_id_fkey;
ALTER TABLE enrollment DROP CONSTRAINT enrollment_resident_id_fkey;
ALTER TABLE resident DROP CONSTRAINT resident_household_id_fkey;

ALTER TABLE household DROP CONSTRAINT household_pkey;
ALTER TABLE household ADD PRIMARY KEY (id, county_code);

ALTER TABLE resident DROP CONSTRAINT resident_pkey;
ALTER TABLE resident ADD PRIMARY KEY (id, county_code);

ALTER TABLE enrollment DROP CONSTRAINT enrollment_pkey;
ALTER TABLE enrollment ADD PRIMARY KEY (id, coverage_year, county_code);

ALTER TABLE refund_request DROP CONSTRAINT refund_request_pkey;
ALTER TABLE refund_request ADD PRIMARY KEY (id, county_code);

ALTER TABLE resident ADD CONSTRAINT resident_household_in_county
    FOREIGN KEY (household_id, county_code) REFERENCES household (id, county_code);
ALTER TABLE enrollment ADD CONSTRAINT enrollment_resident_in_county
    FOREIGN KEY (resident_id, county_code) REFERENCES resident (id, county_code);
ALTER TABLE refund_request ADD CONSTRAINT refund_request_enrollment_in_county
    FOREIGN KEY (enrollment_id, coverage_year, county_code) REFERENCES enrollment (id, coverage_year, county_code);
ALTER TABLE refund_request ADD CONSTRAINT refund_request_resident_in_county
    FOREIGN KEY (resident_id, county_code) REFERENCES resident (id, county_code);
