-- Collection tracking (issue 6): the tax bureau's payment records and their import batches.

-- One upload of a payment file (or one call of the single-record API, format API).
CREATE TABLE payment_import_batch (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name            varchar(255) NOT NULL,
    file_sha256          char(64),
    format               varchar(8)   NOT NULL CHECK (format IN ('CSV', 'XLSX', 'API')),
    -- The importing user's region: batches are listed only to users at or above it.
    region_code          varchar(12)  NOT NULL REFERENCES region (code),
    imported_by          varchar(64)  NOT NULL,
    started_at           timestamptz  NOT NULL DEFAULT now(),
    finished_at          timestamptz,
    rows_read            integer      NOT NULL DEFAULT 0,
    rows_inserted        integer      NOT NULL DEFAULT 0,
    rows_already_present integer      NOT NULL DEFAULT 0,
    rows_rejected        integer      NOT NULL DEFAULT 0,
    -- The file could not be read at all (bad header, encoding); rows are then not counted.
    file_error           text
);
CREATE INDEX payment_import_batch_hash_idx ON payment_import_batch (file_sha256);

-- Why a row was not taken, as the clerk sees it: line, field (column header), reason.
CREATE TABLE payment_import_error (
    batch_id bigint      NOT NULL REFERENCES payment_import_batch (id),
    line     bigint      NOT NULL,
    field    varchar(64) NOT NULL,
    reason   text        NOT NULL
);
CREATE INDEX payment_import_error_batch_idx ON payment_import_error (batch_id, line);

-- The control totals the tax bureau states per collecting unit and channel, and how the batch's
-- records compare with them (账账相符 = ledgers_agree, 账款相符 = funds_agree).
CREATE TABLE payment_control_total (
    batch_id            bigint       NOT NULL REFERENCES payment_import_batch (id),
    collecting_unit     varchar(100) NOT NULL,
    channel             varchar(20)  NOT NULL,
    stated_count        bigint,
    stated_net_fen      bigint,
    received_fen        bigint,
    record_count        bigint       NOT NULL,
    record_net_fen      bigint       NOT NULL,
    ledgers_agree       boolean      NOT NULL,
    funds_agree         boolean,
    PRIMARY KEY (batch_id, collecting_unit, channel)
);

-- The ledger itself: append-only. A reversal (冲正) or refund (退费) is its own row; nothing is
-- updated or deleted. Idempotent by the tax bureau's transaction id. Partitioned by coverage
-- year (issue 8), so the key includes the year; a transaction id names one year's record.
CREATE TABLE payment_record (
    transaction_id    varchar(64)  NOT NULL,
    coverage_year     smallint     NOT NULL,
    id_number         varchar(18)  COLLATE "C" NOT NULL,
    name              varchar(100) NOT NULL,
    amount_fen        bigint       NOT NULL CHECK (amount_fen > 0),
    channel           varchar(20)  NOT NULL,
    paid_at           timestamp    NOT NULL,
    collecting_unit   varchar(100) NOT NULL,
    collecting_region varchar(12)  NOT NULL,
    kind              varchar(10)  NOT NULL CHECK (kind IN ('PAYMENT', 'REVERSAL', 'REFUND')),
    reverses          varchar(64),
    -- The import batch; NULL for a record posted alone to the API.
    batch_id          bigint,
    recorded_by       varchar(64)  NOT NULL,
    recorded_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (transaction_id, coverage_year),
    CHECK (kind <> 'REVERSAL' OR reverses IS NOT NULL),
    CHECK (kind <> 'PAYMENT' OR reverses IS NULL)
) PARTITION BY LIST (coverage_year);
CREATE TABLE payment_record_2024 PARTITION OF payment_record FOR VALUES IN (2024);
CREATE TABLE payment_record_2025 PARTITION OF payment_record FOR VALUES IN (2025);
CREATE TABLE payment_record_2026 PARTITION OF payment_record FOR VALUES IN (2026);
CREATE TABLE payment_record_other PARTITION OF payment_record DEFAULT;
-- Reconciliation reads people in (year, ID number) order; the worklists look a person up.
CREATE INDEX payment_record_person_idx ON payment_record (coverage_year, id_number);
CREATE INDEX payment_record_batch_idx ON payment_record (batch_id);

CREATE FUNCTION payment_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'payment_record is append-only: record a reversal or refund instead of %', TG_OP;
END;
$$;
CREATE TRIGGER payment_record_append_only BEFORE UPDATE OR DELETE ON payment_record
    FOR EACH ROW EXECUTE FUNCTION payment_record_is_append_only();
