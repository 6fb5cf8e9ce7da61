-- The event log and the portfolio's gates per association (issue 14). An audit entry belongs to the
-- association of its actor; an entry without actor to the association of its target when that is known
-- (an account's e-mail address, or what the use case passes), else to the association claiming the target's
-- e-mail domain, else to the instance's home association (instance events such as audit.pruned, failed
-- sign-ins of unknown addresses); store/audit.ts audit() decides it. The command-line operator sees every
-- entry. Existing entries get their actor's association, or the association of the account their target
-- names, or the home association.
ALTER TABLE audit_log ADD COLUMN association_id int REFERENCES associations(id) ON DELETE SET NULL;
UPDATE audit_log a SET association_id = u.association_id FROM users u WHERE u.id = a.actor_user_id;
UPDATE audit_log a SET association_id = u.association_id FROM users u
 WHERE a.actor_user_id IS NULL AND a.association_id IS NULL AND a.target IS NOT NULL AND lower(u.email) = lower(a.target);
-- What is left belongs to no association's account: the instance's home association holds it.
UPDATE audit_log SET association_id = default_association_id() WHERE association_id IS NULL;
CREATE INDEX audit_log_association ON audit_log (association_id, at);

-- The stage gates were one setting for the instance; they are each association's own now. The stored
-- gates become the default association's (Fyrbodal's); the other associations start from the defaults.
INSERT INTO settings (key, value)
SELECT 'portfolio.gates:' || default_association_id(), value FROM settings WHERE key = 'portfolio.gates'
ON CONFLICT (key) DO NOTHING;
DELETE FROM settings WHERE key = 'portfolio.gates';
