-- Analysis cache invalidation through the database (issue 15): a version per round and municipality,
-- changed in the same transaction as anything that changes the round's counted responses
-- (store/analysis.ts COUNTED: submitted, or imported). Every server process compares the versions it
-- computed a municipality's figures from with the stored ones before serving a cached analysis
-- (src/analysis/service.ts), so two processes on one database never serve an analysis older than a
-- committed answer, and only the municipalities whose version changed are computed again.
--
-- Triggers keep the versions, so every write path is covered (link submit, import by rows or COPY,
-- self-assessments and their re-import, deleting respondents, rounds or municipalities of a round,
-- reopening, restore): respondents inserted or deleted (per statement), a respondent's counted state,
-- round, municipality, type or area changed, and answers of counted respondents inserted, changed or
-- deleted (per statement). A version is a value of one sequence, never reused, so a changed version
-- can never look like an old one. The table is derived state: the backup leaves it out.
CREATE SEQUENCE analysis_stamp_seq;

CREATE TABLE analysis_stamps (
  round_id int NOT NULL,
  municipality_code text NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (round_id, municipality_code)
);

CREATE FUNCTION analysis_stamps_respondents_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analysis_stamps (round_id, municipality_code, version)
  SELECT k.round_id, k.municipality_code, nextval('analysis_stamp_seq')
    FROM (SELECT DISTINCT round_id, municipality_code FROM changed_rows WHERE completed_at IS NOT NULL OR source = 'import') k
   ORDER BY 1, 2
  ON CONFLICT (round_id, municipality_code) DO UPDATE SET version = EXCLUDED.version;
  RETURN NULL;
END $$;

CREATE FUNCTION analysis_stamps_respondent_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analysis_stamps (round_id, municipality_code, version)
  SELECT k.round_id, k.municipality_code, nextval('analysis_stamp_seq')
    FROM (SELECT OLD.round_id, OLD.municipality_code WHERE OLD.completed_at IS NOT NULL OR OLD.source = 'import'
          UNION
          SELECT NEW.round_id, NEW.municipality_code WHERE NEW.completed_at IS NOT NULL OR NEW.source = 'import') k
   ORDER BY 1, 2
  ON CONFLICT (round_id, municipality_code) DO UPDATE SET version = EXCLUDED.version;
  RETURN NULL;
END $$;

CREATE FUNCTION analysis_stamps_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analysis_stamps (round_id, municipality_code, version)
  SELECT k.round_id, k.municipality_code, nextval('analysis_stamp_seq')
    FROM (SELECT DISTINCT p.round_id, p.municipality_code
            FROM (SELECT DISTINCT respondent_id FROM changed_rows) c JOIN respondents p ON p.id = c.respondent_id
           WHERE p.completed_at IS NOT NULL OR p.source = 'import') k
   ORDER BY 1, 2
  ON CONFLICT (round_id, municipality_code) DO UPDATE SET version = EXCLUDED.version;
  RETURN NULL;
END $$;

-- TRUNCATE (a restore) changes every round: every version moves on.
CREATE FUNCTION analysis_stamps_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE analysis_stamps SET version = nextval('analysis_stamp_seq');
  RETURN NULL;
END $$;

CREATE TRIGGER analysis_stamps_insert AFTER INSERT ON respondents REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_stamps_respondents_rows();
CREATE TRIGGER analysis_stamps_delete AFTER DELETE ON respondents REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_stamps_respondents_rows();
-- Per row, and only when something the analysis reads changed (a save's started_at never fires it).
CREATE TRIGGER analysis_stamps_update AFTER UPDATE ON respondents FOR EACH ROW
  WHEN ((OLD.completed_at IS NULL) IS DISTINCT FROM (NEW.completed_at IS NULL)
     OR OLD.source IS DISTINCT FROM NEW.source OR OLD.round_id IS DISTINCT FROM NEW.round_id
     OR OLD.municipality_code IS DISTINCT FROM NEW.municipality_code
     OR OLD.respondent_type IS DISTINCT FROM NEW.respondent_type OR OLD.area IS DISTINCT FROM NEW.area)
  EXECUTE FUNCTION analysis_stamps_respondent_update();
CREATE TRIGGER analysis_stamps_truncate AFTER TRUNCATE ON respondents
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_stamps_truncated();

CREATE TRIGGER analysis_stamps_answers_insert AFTER INSERT ON answers REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_stamps_answers();
CREATE TRIGGER analysis_stamps_answers_update AFTER UPDATE ON answers REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_stamps_answers();
CREATE TRIGGER analysis_stamps_answers_delete AFTER DELETE ON answers REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_stamps_answers();
