-- Benchmarks beyond the region (issue 14, deliver 6): reference series, i.e. published figures such as the
-- national DiMiOS level, held with their source and year and drawn beside the region's figures. They are
-- public figures and shared across the instance's associations (no association_id). A series measures one
-- thing of one instrument ("digital-mognad:overall", "digital-mognad:dimension:formaga"), in percent of the
-- scale maximum; it has one value per year.
CREATE TABLE reference_series (
  id serial PRIMARY KEY,
  name text NOT NULL,
  measure text NOT NULL,
  source_title text NOT NULL,
  source_publisher text NOT NULL DEFAULT '',
  source_date text NOT NULL DEFAULT '',
  source_location text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, measure)
);

CREATE TABLE reference_values (
  series_id int NOT NULL REFERENCES reference_series (id) ON DELETE CASCADE,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value numeric NOT NULL CHECK (value >= 0 AND value <= 100),
  PRIMARY KEY (series_id, year)
);
