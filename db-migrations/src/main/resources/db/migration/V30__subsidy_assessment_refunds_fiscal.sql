-- Subsidy engine (issue 5): batch assessment results, the 先缴后补 refund ledger and fiscal settlements.
-- county_code is the future distribution column (Citus) and is part of every key; results are partitioned
-- by coverage year like the enrollments they belong to.

-- One row per enrollment and coverage year: the latest batch assessment. input_fingerprint hashes every input
-- (person, identities, dates, status) together with the policy version, so a re-run skips unchanged rows.
-- Funder parts are one column per funder (glossary order); a scheme has one mode for all its parts.
CREATE TABLE assessment_result (
    coverage_year      smallint     NOT NULL,
    county_code        varchar(6)   NOT NULL,
    enrollment_id      bigint       NOT NULL,
    region_code        varchar(12)  NOT NULL,
    policy_version     varchar(64)  NOT NULL,
    input_fingerprint  bigint       NOT NULL,
    accepted           boolean      NOT NULL,
    rejection_reason   varchar(40),
    standard_fen       bigint,
    personal_due_fen   bigint       NOT NULL,
    subsidy_mode       varchar(20)  CHECK (subsidy_mode IN ('DIRECT', 'PAY_THEN_REFUND')),
    rule_id            varchar(64),
    deciding_identity  varchar(30),
    medical_assistance_fund_fen     bigint NOT NULL DEFAULT 0,
    disabled_persons_federation_fen bigint NOT NULL DEFAULT 0,
    rural_revitalization_bureau_fen bigint NOT NULL DEFAULT 0,
    veterans_affairs_bureau_fen     bigint NOT NULL DEFAULT 0,
    government_fen                  bigint NOT NULL DEFAULT 0,
    county_finance_fen              bigint NOT NULL DEFAULT 0,
    refund_due_fen     bigint       NOT NULL DEFAULT 0,
    person_paid        boolean      NOT NULL DEFAULT false,
    run_id             bigint       NOT NULL,
    assessed_at        timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (coverage_year, county_code, enrollment_id),
    CONSTRAINT assessment_result_county_matches CHECK (left(region_code, 6) = county_code),
    CONSTRAINT assessment_result_rejection CHECK (accepted = (rejection_reason IS NULL))
) PARTITION BY LIST (coverage_year);

CREATE TABLE assessment_result_2024 PARTITION OF assessment_result FOR VALUES IN (2024);
CREATE TABLE assessment_result_2025 PARTITION OF assessment_result FOR VALUES IN (2025);
CREATE TABLE assessment_result_2026 PARTITION OF assessment_result FOR VALUES IN (2026);
CREATE TABLE assessment_result_other PARTITION OF assessment_result DEFAULT;

-- One row per batch run: what it did, with counts; the changes it made are listed in assessment_change.
CREATE TABLE assessment_run (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coverage_year   smallint     NOT NULL,
    county_code     varchar(6)   NOT NULL,
    policy_version  varchar(64)  NOT NULL,
    started_by      varchar(64)  NOT NULL,
    started_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    enrollments     bigint       NOT NULL DEFAULT 0,
    unchanged       bigint       NOT NULL DEFAULT 0,
    created         bigint       NOT NULL DEFAULT 0,
    changed         bigint       NOT NULL DEFAULT 0,
    removed         bigint       NOT NULL DEFAULT 0,
    rejected        bigint       NOT NULL DEFAULT 0
);
CREATE INDEX assessment_run_county_idx ON assessment_run (county_code, coverage_year, id DESC);

-- What a re-run changed, per enrollment: the amounts before and after (new enrollments are counted, not listed).
CREATE TABLE assessment_change (
    run_id               bigint      NOT NULL REFERENCES assessment_run (id),
    county_code          varchar(6)  NOT NULL,
    enrollment_id        bigint      NOT NULL,
    region_code          varchar(12) NOT NULL,
    before_personal_due_fen bigint,
    after_personal_due_fen  bigint   NOT NULL,
    before_subsidy_fen   bigint,
    after_subsidy_fen    bigint      NOT NULL,
    before_rule_id       varchar(64),
    after_rule_id        varchar(64),
    before_accepted      boolean,
    after_accepted       boolean     NOT NULL,
    PRIMARY KEY (run_id, county_code, enrollment_id)
);

-- 先缴后补 ledger: what a funder owes a person who paid the full standard (怀远县 方案 二（三）). One entry per
-- enrollment, funder and reason, so a refund cannot be opened or paid twice; a paid entry can never change.
CREATE TABLE refund_ledger (
    id               bigint       GENERATED ALWAYS AS IDENTITY,
    coverage_year    smallint     NOT NULL,
    county_code      varchar(6)   NOT NULL,
    township_code    varchar(12)  NOT NULL REFERENCES region (code),
    enrollment_id    bigint       NOT NULL,
    funder           varchar(40)  NOT NULL CHECK (funder IN ('MEDICAL_ASSISTANCE_FUND', 'DISABLED_PERSONS_FEDERATION',
                         'RURAL_REVITALIZATION_BUREAU', 'VETERANS_AFFAIRS_BUREAU', 'GOVERNMENT', 'COUNTY_FINANCE')),
    reason           varchar(40)  NOT NULL CHECK (reason IN ('PAY_THEN_REFUND_SUBSIDY')),
    owed_fen         bigint       NOT NULL CHECK (owed_fen > 0),
    status           varchar(20)  NOT NULL CHECK (status IN ('OWED', 'PAID', 'CANCELLED')),
    paid_fen         bigint,
    paid_on          date,
    paid_by          varchar(64),
    rule_id          varchar(64)  NOT NULL,
    citation         varchar(200) NOT NULL,
    opened_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (county_code, id),
    CONSTRAINT refund_ledger_once UNIQUE (county_code, coverage_year, enrollment_id, funder, reason),
    CONSTRAINT refund_ledger_county_matches CHECK (left(township_code, 6) = county_code),
    CONSTRAINT refund_ledger_paid_complete CHECK ((status = 'PAID') = (paid_fen IS NOT NULL AND paid_on IS NOT NULL AND paid_by IS NOT NULL)),
    CONSTRAINT refund_ledger_paid_in_full CHECK (paid_fen IS NULL OR paid_fen = owed_fen)
);
CREATE INDEX refund_ledger_township_idx ON refund_ledger (county_code, coverage_year, township_code, status);

CREATE FUNCTION refuse_change_of_paid_refund() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF OLD.status = 'PAID' THEN
        RAISE EXCEPTION 'refund % was paid on %: a paid refund is never changed or paid again', OLD.id, OLD.paid_on
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER refund_ledger_paid_is_final
    BEFORE UPDATE OR DELETE ON refund_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_paid_refund();

-- Fiscal pre-allocation (预拨) and final settlement (清算) per county, year and level (呼医保发〔2024〕13号 六（三）).
-- final_fen and difference_fen are null while the year's standard is not given; missing says what is.
CREATE TABLE fiscal_settlement (
    coverage_year       smallint     NOT NULL,
    county_code         varchar(6)   NOT NULL REFERENCES region (code),
    level               varchar(20)  NOT NULL CHECK (level IN ('CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY')),
    pre_allocation_count bigint      NOT NULL CHECK (pre_allocation_count >= 0),
    pre_allocated_fen   bigint       NOT NULL,
    final_count         bigint       CHECK (final_count >= 0),
    final_fen           bigint,
    difference_fen      bigint,
    standard_fen        bigint,
    count_basis         varchar(200),
    missing             varchar(2000),
    citation            varchar(500) NOT NULL,
    computed_by         varchar(64)  NOT NULL,
    computed_at         timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (county_code, coverage_year, level),
    CONSTRAINT fiscal_settlement_difference CHECK (difference_fen IS NULL OR difference_fen = final_fen - pre_allocated_fen)
);
