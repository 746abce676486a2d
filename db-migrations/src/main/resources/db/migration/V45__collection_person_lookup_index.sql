-- A posted payment reconciles its person at once, looking them up through collection_enrollment_v by
-- ID number; this index on exactly the view's expression makes that a probe instead of a scan of
-- every resident.
CREATE INDEX resident_collection_id_number_idx ON resident (((upper(document_number))::varchar(18)) COLLATE "C");
