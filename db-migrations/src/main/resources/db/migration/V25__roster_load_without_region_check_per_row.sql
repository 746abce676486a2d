-- Roster imports insert residents by the million in one set-based statement. The region foreign key
-- of resident runs a trigger and a lookup in region for every row: about a fifth of that insert
-- (measured, docs/enrollment.md "Roster import"). Every writer of resident already checks the region
-- against the region table before writing (ResidentService.register/update via regionExists, the roster
-- import via the importer's region set), and region rows are seed data the application never deletes.
ALTER TABLE resident DROP CONSTRAINT resident_region_code_fkey;
