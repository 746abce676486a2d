-- person_identity is the table roster imports fill by the million (COPY). Its foreign keys cost a
-- trigger call and an index probe per row, and a Citus distribution by county would not keep them
-- anyway. Rows are written only by RosterBatchWriter (resident ids drawn in the same transaction,
-- import id of the running import) and IdentityRepository.insertManual (resident read first).
ALTER TABLE person_identity DROP CONSTRAINT person_identity_resident_id_fkey;
ALTER TABLE person_identity DROP CONSTRAINT person_identity_roster_import_id_fkey;
