-- Joint initiatives (samverkansportfölj), qualification, follow-up and regional indicators
-- (DOMAIN.md §7, §10). Money is SEK in whole kronor (bigint, never negative where it is an amount).

CREATE TABLE initiatives (
  id serial PRIMARY KEY,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  description text NOT NULL DEFAULT '',
  need text NOT NULL DEFAULT '',
  area_id text REFERENCES areas(id),
  scope text NOT NULL DEFAULT 'delregional' CHECK (scope IN ('delregional', 'regional', 'nationell')),
  origin text NOT NULL DEFAULT '',
  proposing_municipality text REFERENCES municipalities(code),
  stage text NOT NULL DEFAULT 'ide' CHECK (stage IN ('ide', 'kvalificering', 'prioriterad', 'genomforande', 'nyttohemtagning', 'avslutad_utan_genomforande')),
  collaboration_form text CHECK (collaboration_form IN ('samverkan', 'asymmetrisk', 'sammanlaggning', 'region_stat')),
  benefit_qualitative text NOT NULL DEFAULT '',
  benefit_economic text NOT NULL DEFAULT '',
  benefit_operational text NOT NULL DEFAULT '',
  benefit_hours_per_year bigint CHECK (benefit_hours_per_year >= 0),
  benefit_sek_per_year bigint CHECK (benefit_sek_per_year >= 0),
  estimated_cost bigint CHECK (estimated_cost >= 0),
  risks jsonb NOT NULL DEFAULT '[]'::jsonb,
  documents jsonb NOT NULL DEFAULT '[]'::jsonb,
  links jsonb NOT NULL DEFAULT '[]'::jsonb,
  evidence jsonb,
  start_year int CHECK (start_year BETWEEN 2000 AND 2100),
  end_year int CHECK (end_year BETWEEN 2000 AND 2100),
  version int NOT NULL DEFAULT 1,
  is_demo boolean NOT NULL DEFAULT false,
  demo_key text UNIQUE,
  created_by int REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by int REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_year IS NULL OR start_year IS NULL OR end_year >= start_year)
);
CREATE INDEX initiatives_stage ON initiatives (stage);

CREATE TABLE initiative_funding_sources (
  id serial PRIMARY KEY,
  initiative_id int NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('egen', 'vgr_mru', 'eu', 'nationell', 'ovrig')),
  amount bigint CHECK (amount >= 0),
  note text NOT NULL DEFAULT '',
  sort int NOT NULL DEFAULT 0
);
CREATE INDEX initiative_funding_sources_initiative ON initiative_funding_sources (initiative_id);

CREATE TABLE initiative_participations (
  initiative_id int NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  kind text NOT NULL CHECK (kind IN ('intresserad', 'deltar')),
  declared_by int REFERENCES users(id) ON DELETE SET NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (initiative_id, municipality_code)
);

CREATE TABLE initiative_actors (
  initiative_id int NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  actor_id int NOT NULL REFERENCES actors(id),
  role text NOT NULL DEFAULT '',
  added_by int REFERENCES users(id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (initiative_id, actor_id)
);

CREATE TABLE initiative_stage_log (
  id bigserial PRIMARY KEY,
  initiative_id int NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  from_stage text,
  to_stage text NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  user_id int REFERENCES users(id) ON DELETE SET NULL,
  user_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX initiative_stage_log_initiative ON initiative_stage_log (initiative_id, at);

CREATE TABLE qualification_criteria (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]{1,40}$'),
  label text NOT NULL,
  description text NOT NULL DEFAULT '',
  weight numeric(8,2) NOT NULL CHECK (weight >= 0),
  sort int NOT NULL DEFAULT 0
);

INSERT INTO qualification_criteria (id, label, description, weight, sort) VALUES
  ('nytta', 'Nytta', 'Förväntad kvalitativ, ekonomisk och operationell nytta (5 = mycket stor nytta)', 3, 1),
  ('kommuner', 'Antal kommuner', 'Hur många kommuner som deltar eller har behovet (5 = alla)', 2, 2),
  ('volym', 'Volym och skala', 'Ärendevolym eller skalfördelar som samverkan ger (5 = stora volymer)', 1, 3),
  ('strategi', 'Strategisk passform', 'Stöd för förbundets och kommunernas digitaliseringsstrategi (5 = mycket god)', 2, 4),
  ('beredskap', 'Genomförandeberedskap', 'Mognad, kompetens och resurser att genomföra nu (5 = redo att starta)', 1, 5),
  ('finansiering', 'Finansiering', 'Tillgång till finansiering, egen eller extern (5 = säkrad)', 1, 6),
  ('risk', 'Risk', 'Samlad risk i genomförandet (5 = låg risk, 1 = hög risk)', 1, 7);

CREATE TABLE qualification_scores (
  initiative_id int NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  criterion_id text NOT NULL REFERENCES qualification_criteria(id) ON DELETE CASCADE,
  score int NOT NULL CHECK (score BETWEEN 1 AND 5),
  justification text NOT NULL CHECK (length(btrim(justification)) > 0),
  scored_by int REFERENCES users(id) ON DELETE SET NULL,
  scored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (initiative_id, criterion_id)
);

CREATE TABLE initiative_status_reports (
  id serial PRIMARY KEY,
  initiative_id int NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-(H[12]|Q[1-4]))?$'),
  status text NOT NULL CHECK (status IN ('enligt_plan', 'avvikelse', 'forsenad', 'stoppad')),
  progress int NOT NULL CHECK (progress BETWEEN 0 AND 100),
  comment text NOT NULL DEFAULT '',
  realised_hours bigint CHECK (realised_hours >= 0),
  realised_sek bigint CHECK (realised_sek >= 0),
  reported_by int REFERENCES users(id) ON DELETE SET NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false,
  UNIQUE (initiative_id, period)
);

CREATE TABLE indicator_values (
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  indicator text NOT NULL CHECK (indicator IN ('aktorer', 'andel_lansgemensamma', 'aktiva_natverk', 'andel_okad_mognad')),
  expected numeric(12,2) CHECK (expected >= 0),
  reported numeric(12,2) CHECK (reported >= 0),
  note text NOT NULL DEFAULT '',
  is_demo boolean NOT NULL DEFAULT false,
  PRIMARY KEY (year, indicator)
);

CREATE TABLE funding_projects (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
  reference text NOT NULL DEFAULT '',
  period_from date,
  period_to date,
  requisitioned_until date,
  is_demo boolean NOT NULL DEFAULT false
);

CREATE TABLE funding_rows (
  project_id int NOT NULL REFERENCES funding_projects(id) ON DELETE CASCADE,
  cost_type text NOT NULL CHECK (cost_type IN ('lon', 'oh', 'externa_tjanster', 'resor', 'lokaler', 'ovriga')),
  applied bigint NOT NULL CHECK (applied >= 0),
  requisitioned bigint NOT NULL CHECK (requisitioned >= 0),
  PRIMARY KEY (project_id, cost_type)
);

CREATE TABLE networks (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  start_year int CHECK (start_year BETWEEN 2000 AND 2100),
  end_year int CHECK (end_year BETWEEN 2000 AND 2100),
  is_demo boolean NOT NULL DEFAULT false
);
