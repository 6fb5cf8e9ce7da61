-- The published source of an indicator's reported outcome (title and year of the report), shown beside
-- the outcome computed in samverka.
ALTER TABLE indicator_values ADD COLUMN source text NOT NULL DEFAULT '';
