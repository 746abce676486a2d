-- Reconciliation (钱人一致): runs, their worklist items, and each person's derived payment state.

CREATE TABLE reconciliation_run (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coverage_year smallint    NOT NULL,
    started_by    varchar(64) NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    people        bigint,
    enrollments   bigint,
    records       bigint,
    agreeing      bigint,
    fully_paid    bigint
);
CREATE INDEX reconciliation_run_year_idx ON reconciliation_run (coverage_year, id DESC);

-- One difference of one run. The worklists show the items of the latest finished run of the year;
-- older runs stay as history.
CREATE TABLE reconciliation_item (
    run_id            bigint       NOT NULL REFERENCES reconciliation_run (id),
    category          varchar(30)  NOT NULL,
    id_number         varchar(18)  COLLATE "C" NOT NULL,
    name              varchar(100) NOT NULL,
    coverage_year     smallint     NOT NULL,
    -- Where the item is worked: the enrollment's region, else the collecting region.
    region_code       varchar(12)  NOT NULL,
    enrollment_region varchar(12),
    payment_region    varchar(12),
    assessed_fen      bigint,
    net_paid_fen      bigint       NOT NULL,
    amount_fen        bigint       NOT NULL,
    transaction_ids   text         NOT NULL,
    reason            text         NOT NULL
);
CREATE INDEX reconciliation_item_list_idx ON reconciliation_item (run_id, category, region_code);

-- What collection last concluded for each enrolled or paying person: the source of the progress
-- rollups. Derived data, rewritten when a person's state changes (unlike payment_record).
CREATE TABLE collection_person_status (
    coverage_year    smallint    NOT NULL,
    id_number        varchar(18) COLLATE "C" NOT NULL,
    -- The enrollment's village or township; NULL for money without an enrollment.
    region_code      varchar(12),
    registered_on    date,
    newly_registered boolean     NOT NULL DEFAULT false,
    special          boolean     NOT NULL DEFAULT false,
    -- The day the payments first covered the assessed amount (for an assessed zero: registration).
    paid_on          date,
    net_paid_fen     bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (coverage_year, id_number)
);
