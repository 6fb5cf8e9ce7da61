-- Failed sign-ins are throttled per (IP address, account) instead of locking the account for every
-- address (src/domain/sign-in-throttle.ts). Failures recorded before this have no address and count
-- for nobody; they are dropped.
DELETE FROM login_failures;
ALTER TABLE login_failures ADD COLUMN ip text NOT NULL DEFAULT '';
DROP INDEX IF EXISTS login_failures_email_at;
CREATE INDEX login_failures_email_ip_at ON login_failures (lower(email), ip, at);
