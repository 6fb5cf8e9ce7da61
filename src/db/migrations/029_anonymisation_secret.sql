-- The installation's anonymisation secret (store/analysis.ts anonymisationSecret) is created with the
-- schema rather than on the first analysis read, so that reading (or a rejected read) writes nothing.
-- Two random UUIDs (pg_strong_random) give 244 random bits. A restore replaces it with the backup's.
INSERT INTO settings (key, value)
VALUES ('anonymisation_secret', to_jsonb(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')))
ON CONFLICT (key) DO NOTHING;
