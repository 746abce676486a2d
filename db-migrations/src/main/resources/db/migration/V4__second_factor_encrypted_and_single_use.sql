-- The TOTP secret is stored encrypted (AES-256-GCM, key from configuration, see docs/security.md):
-- "gcm1:" + Base64(IV || ciphertext || tag) needs more room than the Base32 secret in clear.
ALTER TABLE app_user ALTER COLUMN totp_secret TYPE varchar(200);
-- The last 30-second TOTP time step accepted at login: a code of this step or an older one is refused,
-- so a code seen over someone's shoulder cannot be used again within its validity window.
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;
