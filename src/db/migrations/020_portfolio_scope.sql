-- The event log and the portfolio's gates per association (issue 14). An audit entry belongs to the
-- association the use case names, else its actor's; an entry without actor to its target's address
-- (address_association: an unknown address's failed sign-in goes to the association claiming its domain),
-- else to the instance's home association (instance events such as audit.pruned); store/audit.ts audit()
-- applies it. The command-line operator sees every entry. Existing entries get the same.
ALTER TABLE audit_log ADD COLUMN association_id int REFERENCES associations(id) ON DELETE SET NULL;

-- The association an e-mail address belongs to: its account's, else the association that claims its domain
-- for sign-in, else the instance's home association. The one place this is decided (store/audit.ts and the
-- contacts on a refused sign-in use it).
CREATE FUNCTION address_association(address text) RETURNS int LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
    (SELECT association_id FROM users WHERE lower(email) = lower(address) AND association_id IS NOT NULL LIMIT 1),
    (SELECT association_id FROM sign_in_domains WHERE domain = lower(split_part(address, '@', 2))),
    default_association_id())
$$;

UPDATE audit_log a SET association_id = u.association_id FROM users u WHERE u.id = a.actor_user_id;
UPDATE audit_log SET association_id = CASE WHEN actor_user_id IS NULL THEN address_association(target) ELSE default_association_id() END
 WHERE association_id IS NULL;
CREATE INDEX audit_log_association ON audit_log (association_id, at);

-- The stage gates were one setting for the instance; they are each association's own now. The stored
-- gates become the default association's (Fyrbodal's); the other associations start from the defaults.
INSERT INTO settings (key, value)
SELECT 'portfolio.gates:' || default_association_id(), value FROM settings WHERE key = 'portfolio.gates'
ON CONFLICT (key) DO NOTHING;
DELETE FROM settings WHERE key = 'portfolio.gates';
