-- Administrative divisions (the org hierarchy): province -> city -> county -> township -> village.
-- Codes are GB/T 2260 (6 digits) or statistical division codes (12 digits); see RegionCode.
CREATE TABLE region (
    code        varchar(12)  PRIMARY KEY,
    name        varchar(100) NOT NULL,
    level       varchar(10)  NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code varchar(12)  REFERENCES region (code),
    -- Short names the seed documents use for this region (陈旗 for 陈巴尔虎旗), comma separated.
    short_names varchar(200),
    -- Invented for demonstration (villages below the seed townships); never real data.
    demo        boolean      NOT NULL DEFAULT false,
    CONSTRAINT region_root_has_no_parent CHECK ((level = 'PROVINCE') = (parent_code IS NULL))
);
CREATE INDEX region_parent_idx ON region (parent_code);

-- People who log in. Every user is bound to one region and sees only data at or below it.
CREATE TABLE app_user (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             varchar(64)  NOT NULL UNIQUE,
    password_hash        varchar(200) NOT NULL,
    display_name         varchar(100) NOT NULL,
    role                 varchar(20)  NOT NULL CHECK (role IN ('ADMIN', 'COUNTY_STAFF', 'TOWNSHIP_WORKER', 'SUPERVISOR')),
    region_code          varchar(12)  NOT NULL REFERENCES region (code),
    enabled              boolean      NOT NULL DEFAULT true,
    must_change_password boolean      NOT NULL DEFAULT false,
    failed_logins        integer      NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    demo                 boolean      NOT NULL DEFAULT false,
    created_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX app_user_region_idx ON app_user (region_code);
