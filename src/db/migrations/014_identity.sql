-- Sign-in as municipalities expect (issue 13): single sign-on identities, sign-in rules per e-mail
-- domain, invitations, account lifecycle, two-factor for password accounts, sessions a person can see.
-- Rules live in src/domain/identity/; this is only their storage.

-- An account without a password signs in by SSO only (or has not accepted its invitation yet).
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
-- Invited accounts are activated when the person accepts the invitation; existing accounts already are.
ALTER TABLE users ADD COLUMN activated_at timestamptz;
UPDATE users SET activated_at = created_at;
-- A deactivated account cannot sign in by any method and its sessions end at once.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
-- TOTP: the secret (base32) while enrolling or enrolled; enabled once a first code confirmed it.
-- The last accepted time step, so a code is not accepted twice.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

CREATE TABLE totp_recovery_codes (
  id serial PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz
);
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes (user_id);

-- The first step of a sign-in that needs a second one (a TOTP code, or enrolling one): single use, short-lived.
CREATE TABLE sign_in_challenges (
  token_hash text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('totp', 'totp_setup')),
  attempts int NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- An identity at an OpenID provider, bound to one account by the provider's subject.
CREATE TABLE user_identities (
  provider text NOT NULL,
  subject text NOT NULL,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- What the association decided for an e-mail domain: unknown SSO users refused or created as läsare
-- (optionally bound to the municipality owning the domain), and whether password sign-in is allowed.
CREATE TABLE sign_in_domains (
  domain text PRIMARY KEY CHECK (domain = lower(domain)),
  provisioning text NOT NULL CHECK (provisioning IN ('refuse', 'create')),
  municipality_code text REFERENCES municipalities(code),
  password_sign_in boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One OpenID Connect sign-in under way: state (hashed), PKCE verifier and nonce; single use, short-lived.
CREATE TABLE oidc_flows (
  state_hash text PRIMARY KEY,
  provider text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Invitations: a set-password or SSO link, valid 7 days, single use. The account exists from the
-- invitation on (activated_at NULL until accepted).
CREATE TABLE invitations (
  id serial PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by int REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX invitations_user ON invitations (user_id);

-- Sessions a person can list and end: an id to name one by, how it was started, from where, last use.
ALTER TABLE sessions ADD COLUMN id bigserial;
CREATE UNIQUE INDEX sessions_id ON sessions (id);
ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'password';
ALTER TABLE sessions ADD COLUMN ip text;
ALTER TABLE sessions ADD COLUMN user_agent text;
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- The audit log filtered by person, event and period.
CREATE INDEX audit_log_actor_at ON audit_log (actor_user_id, at DESC);
CREATE INDEX audit_log_action_at ON audit_log (action, at DESC);
