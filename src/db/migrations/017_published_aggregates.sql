-- Published aggregates (issue 14, Deliver 3): a round can hold a report's figures as published — per item
-- the shares or counts per option, the base n and its unit, the number of answering municipalities, the
-- source (by title) and page/figure — next to or instead of respondent-level answers. One row per round and
-- item; `value_rows` holds [{ "options": [code, …], "value": number }] exactly as published. The checks of
-- what may be stored are the use cases' (src/domain/published.ts); the CHECKs below are the last guard.
CREATE TABLE published_aggregates (
  round_id integer NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  item_id text NOT NULL,
  figure text,
  measure text NOT NULL DEFAULT 'share' CHECK (measure IN ('share', 'count')),
  value_rows jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(value_rows) = 'array'),
  base_n integer CHECK (base_n IS NULL OR base_n >= 0),
  base_unit text NOT NULL CHECK (base_unit IN ('respondents', 'municipalities', 'mentions')),
  municipalities integer CHECK (municipalities IS NULL OR municipalities >= 0),
  source_title text NOT NULL,
  source_page text,
  partial boolean NOT NULL DEFAULT false,
  note text,
  money jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (round_id, item_id)
);
