-- IT economics (DOMAIN.md §8) and risk analysis (§9): groups of municipalities compared together,
-- a municipality's IT economics per year, benchmarks, savings scenarios, cost-sharing models,
-- risk themes, risks and their assessments (append-only: the history of a risk).

CREATE TABLE municipality_groups (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  named_published boolean NOT NULL DEFAULT false,
  inside_shares jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE municipality_group_members (
  group_id int NOT NULL REFERENCES municipality_groups(id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  PRIMARY KEY (group_id, municipality_code)
);

CREATE TABLE economics_years (
  id serial PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipalities(code),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  net_cost jsonb,
  population jsonb,
  stated_total jsonb,
  budget_lines jsonb NOT NULL DEFAULT '[]'::jsonb,
  pools jsonb NOT NULL DEFAULT '[]'::jsonb,
  towers jsonb NOT NULL DEFAULT '[]'::jsonb,
  source text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  synthesised boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by int REFERENCES users(id) ON DELETE SET NULL,
  UNIQUE (municipality_code, year)
);

CREATE TABLE economics_benchmarks (
  year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  share numeric NOT NULL CHECK (share >= 0 AND share <= 100),
  source text NOT NULL,
  research_share numeric CHECK (research_share >= 0 AND research_share <= 100),
  research_source text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT ''
);

CREATE TABLE savings_scenarios (
  id serial PRIMARY KEY,
  group_id int NOT NULL REFERENCES municipality_groups(id) ON DELETE CASCADE,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name text NOT NULL,
  percentages jsonb NOT NULL,
  published jsonb,
  source text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  synthesised boolean NOT NULL DEFAULT false,
  UNIQUE (group_id, year, name)
);

CREATE TABLE cost_sharing_models (
  id serial PRIMARY KEY,
  group_id int NOT NULL REFERENCES municipality_groups(id) ON DELETE CASCADE,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name text NOT NULL,
  base_amount numeric NOT NULL CHECK (base_amount >= 0),
  charges jsonb NOT NULL DEFAULT '[]'::jsonb,
  quantities jsonb NOT NULL DEFAULT '[]'::jsonb,
  source text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  synthesised boolean NOT NULL DEFAULT false,
  UNIQUE (group_id, year, name)
);

CREATE TABLE risk_themes (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  sort int NOT NULL DEFAULT 0
);

CREATE TABLE risks (
  id serial PRIMARY KEY,
  theme_id text NOT NULL REFERENCES risk_themes(id),
  municipality_code text REFERENCES municipalities(code),
  group_id int REFERENCES municipality_groups(id) ON DELETE CASCADE,
  initiative_id int REFERENCES initiatives(id) ON DELETE SET NULL,
  title text NOT NULL,
  owner text NOT NULL DEFAULT '',
  measure text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'identifierad' CHECK (status IN ('identifierad', 'hanteras', 'accepterad', 'stangd')),
  review_date date,
  source text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  synthesised boolean NOT NULL DEFAULT false,
  sort int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((municipality_code IS NULL) <> (group_id IS NULL))
);
CREATE INDEX risks_municipality ON risks (municipality_code);
CREATE INDEX risks_group ON risks (group_id);
CREATE INDEX risks_initiative ON risks (initiative_id);

CREATE TABLE risk_assessments (
  id serial PRIMARY KEY,
  risk_id int NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
  municipality_code text REFERENCES municipalities(code),
  assessed_on date NOT NULL,
  state text NOT NULL CHECK (state IN ('assessed', 'valueOnly', 'notAssessed')),
  probability int CHECK (probability BETWEEN 1 AND 4),
  consequence int CHECK (consequence BETWEEN 1 AND 4),
  value int CHECK (value IN (1, 2, 3, 4, 6, 8, 9, 12, 16)),
  source text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  created_by int REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (state = 'assessed' AND probability IS NOT NULL AND consequence IS NOT NULL AND value = probability * consequence)
    OR (state = 'valueOnly' AND probability IS NULL AND consequence IS NULL AND value IS NOT NULL)
    OR (state = 'notAssessed' AND probability IS NULL AND consequence IS NULL AND value IS NULL)
  )
);
CREATE INDEX risk_assessments_risk ON risk_assessments (risk_id, municipality_code, assessed_on);
