-- TEST ONLY: stand-ins for the two narrow views collection reads enrollment data through, until
-- the enrollment tables are merged and a V4x migration defines the real views over them.
-- The column lists are the contract (docs/collection.md, "Enrollment data").
CREATE TABLE IF NOT EXISTS collection_enrollment_v (
    coverage_year    smallint     NOT NULL,
    id_number        varchar(18)  COLLATE "C" NOT NULL,
    name             varchar(100) NOT NULL,
    region_code      varchar(12)  NOT NULL,
    registered_on    date         NOT NULL,
    assessed_fen     bigint,
    later_refund_fen bigint       NOT NULL DEFAULT 0,
    contact_phone    varchar(20),
    PRIMARY KEY (coverage_year, id_number)
);
CREATE TABLE IF NOT EXISTS collection_special_member_v (
    coverage_year smallint     NOT NULL,
    id_number     varchar(18)  COLLATE "C" NOT NULL,
    name          varchar(100) NOT NULL,
    region_code   varchar(12)  NOT NULL,
    identities    varchar(200) NOT NULL,
    contact_phone varchar(20),
    PRIMARY KEY (coverage_year, id_number)
);
