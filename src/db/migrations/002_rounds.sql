-- Measurement rounds (mätomgångar): stored instrument versions, rounds, participating
-- municipalities, respondents with personal links, and their answers.

-- Every instrument version a round may use. Built-in files are synced on start; a version
-- referenced by a round is never changed, so a round keeps the exact definition it used.
CREATE TABLE instruments (
  id text NOT NULL,
  version text NOT NULL,
  definition jsonb NOT NULL,
  source text NOT NULL DEFAULT 'builtin' CHECK (source IN ('builtin', 'import')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE TABLE rounds (
  id serial PRIMARY KEY,
  instrument_id text NOT NULL,
  instrument_version text NOT NULL,
  title text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  created_by int REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  opened_at timestamptz,
  closed_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  demo_note text,
  FOREIGN KEY (instrument_id, instrument_version) REFERENCES instruments(id, version),
  CHECK (period_start <= period_end)
);
CREATE INDEX rounds_instrument ON rounds (instrument_id, instrument_version);

CREATE TABLE round_municipalities (
  round_id int NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  PRIMARY KEY (round_id, municipality_code)
);
CREATE INDEX round_municipalities_code ON round_municipalities (municipality_code);

-- A respondent of a round in one municipality.
-- source: 'link' (personal link), 'self' (the kommunansvarig's single self-assessment), 'import' (imported row).
-- token: the personal link's secret, 32 random bytes base64url (256 bits). It is kept in plain text
-- so that the kommunansvarig can print the links again; it is only returned by role-checked routes
-- and the CLI. Imported respondents have no link (token NULL).
CREATE TABLE respondents (
  id serial PRIMARY KEY,
  round_id int NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  source text NOT NULL DEFAULT 'link' CHECK (source IN ('link', 'self', 'import')),
  respondent_type text,
  area text REFERENCES areas(id),
  name text,
  email text,
  token text UNIQUE,
  import_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  invited_at timestamptz,
  reminded_at timestamptz,
  reminder_count int NOT NULL DEFAULT 0,
  started_at timestamptz,
  completed_at timestamptz,
  FOREIGN KEY (round_id, municipality_code) REFERENCES round_municipalities(round_id, municipality_code)
);
CREATE INDEX respondents_round_municipality ON respondents (round_id, municipality_code);
CREATE UNIQUE INDEX respondents_self_once ON respondents (round_id, municipality_code) WHERE source = 'self';
CREATE UNIQUE INDEX respondents_import_ref ON respondents (round_id, import_ref) WHERE import_ref IS NOT NULL;

-- One answer per respondent and item; value follows AnswerValue (src/domain/instruments/schema.ts).
CREATE TABLE answers (
  respondent_id int NOT NULL REFERENCES respondents(id) ON DELETE CASCADE,
  item_id text NOT NULL,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (respondent_id, item_id)
);
CREATE INDEX answers_item ON answers (item_id);
