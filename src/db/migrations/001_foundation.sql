-- Organisation model, accounts, sessions, audit log, outbox.
CREATE TABLE regions (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE associations (
  id serial PRIMARY KEY,
  region_id int REFERENCES regions(id),
  name text NOT NULL UNIQUE
);

CREATE TABLE municipalities (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  name text NOT NULL UNIQUE,
  association_id int REFERENCES associations(id)
);

CREATE TABLE areas (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  sort int NOT NULL DEFAULT 0
);

CREATE TABLE it_organisations (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT ''
);

CREATE TABLE it_organisation_members (
  it_organisation_id int NOT NULL REFERENCES it_organisations(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  PRIMARY KEY (it_organisation_id, municipality_code)
);

CREATE TABLE actors (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('akademi', 'naringsliv', 'natverk', 'region', 'ovrigt'))
);

CREATE TABLE users (
  id serial PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('forbundsadmin', 'kommunansvarig', 'lasare')),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE user_municipalities (
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  PRIMARY KEY (user_id, municipality_code)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_at ON login_failures (lower(email), at);

CREATE TABLE outbox (
  id serial PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  error text
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id int REFERENCES users(id) ON DELETE SET NULL,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
