-- After a payment file is merged, EnrollmentPaymentLink walks the file's people in (coverage_year, id_number)
-- pages of 1,000. With only (batch_id) indexed, each page read and sorted the whole batch again, so a file of
-- 866,856 rows spent 1.3 s per page, quadratic in the file size. This index serves each page directly and
-- also every lookup by batch, so it replaces the narrower one.
CREATE INDEX payment_record_batch_person_idx ON payment_record (batch_id, coverage_year, id_number);
DROP INDEX payment_record_batch_idx;
