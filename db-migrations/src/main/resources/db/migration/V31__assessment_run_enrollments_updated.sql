-- Batch assessment also writes each enrollment's own assessment (status, policy version, personal due, subsidy)
-- the way single assessment does; a run records how many enrollment rows it brought in line.
ALTER TABLE assessment_run ADD COLUMN enrollments_updated bigint NOT NULL DEFAULT 0;
