-- A batch run builds the primary key of a county's fresh results table after loading up to a million rows
-- (docs/subsidy.md "Batch assessment"). With coverage_year and county_code first, every comparison of that sort
-- first compared two columns that are the same in the whole table (the county code as collated text) before it
-- reached the enrollment id; with the id first, the sort compares one bigint. Every lookup names all three columns
-- (and ON CONFLICT infers the index from the set of columns), so the order serves them as before.
ALTER TABLE assessment_result DROP CONSTRAINT assessment_result_pkey;
ALTER TABLE assessment_result ADD PRIMARY KEY (enrollment_id, coverage_year, county_code);
