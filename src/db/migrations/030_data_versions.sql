-- Versions of the tables an analysis view is made of besides the answers (issue 15): municipality
-- names, areas and reference series with their values. Every server process reads these (one indexed
-- row each) before serving a cached view and reads a table again only when its version moved, instead
-- of digesting the tables on every request. Statement-level triggers move a table's version with every
-- write to it, in the same transaction (a rolled-back write moves nothing); TRUNCATE (a restore) too.
-- A version is a value of one sequence, never reused. Derived state: the backup leaves the table out.
CREATE SEQUENCE data_version_seq;

CREATE TABLE data_versions (
  name text PRIMARY KEY,
  version bigint NOT NULL
);

INSERT INTO data_versions (name, version)
SELECT t, nextval('data_version_seq') FROM unnest(ARRAY['municipalities', 'areas', 'reference_series', 'reference_values']) AS t;

CREATE FUNCTION data_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions (name, version) VALUES (TG_TABLE_NAME, nextval('data_version_seq'))
  ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
  RETURN NULL;
END $$;

CREATE TRIGGER data_versions_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump();
CREATE TRIGGER data_versions_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump();
CREATE TRIGGER data_versions_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_series
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump();
CREATE TRIGGER data_versions_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_values
  FOR EACH STATEMENT EXECUTE FUNCTION data_versions_bump();
