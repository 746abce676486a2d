-- Optional TOTP second factor (RFC 6238) for ADMIN and COUNTY_STAFF: the shared secret, Base32.
-- NULL means the user has not enrolled a second factor.
ALTER TABLE app_user ADD COLUMN totp_secret varchar(64);
