-- A link's answer saved before it is submitted changes no analysis (issue 15, item 5): the analysis
-- counts submitted or imported respondents only (027, store/analysis.ts COUNTED). save_link_answer has
-- just checked that its respondent is neither (locked FOR UPDATE, completed_at NULL, not imported), so
-- it tells the answers' statement triggers of 027 so for the one upsert, through a transaction-local
-- setting, and the trigger returns at once instead of looking the respondent up again. Every other
-- write to answers (submit, import, deletes, restore, any SQL) runs the trigger as before.
CREATE OR REPLACE FUNCTION analysis_stamps_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('samverka.uncounted_answer', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO analysis_stamps (round_id, municipality_code, version)
  SELECT k.round_id, k.municipality_code, nextval('analysis_stamp_seq')
    FROM (SELECT DISTINCT p.round_id, p.municipality_code
            FROM (SELECT DISTINCT respondent_id FROM changed_rows) c JOIN respondents p ON p.id = c.respondent_id
           WHERE p.completed_at IS NOT NULL OR p.source = 'import') k
   ORDER BY 1, 2
  ON CONFLICT (round_id, municipality_code) DO UPDATE SET version = EXCLUDED.version;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION save_link_answer(p_token text, p_round int, p_instrument text, p_version text, p_item text, p_value jsonb, p_types text[])
RETURNS TABLE (outcome text, completed_at timestamptz) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  r record;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(726837601, p_round);
  SELECT p.id, p.respondent_type, p.completed_at, p.started_at, p.source, o.status, o.instrument_id, o.instrument_version INTO r
    FROM respondents p JOIN rounds o ON o.id = p.round_id
   WHERE p.token = p_token AND p.round_id = p_round
     FOR UPDATE OF p;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::timestamptz;
  ELSIF r.completed_at IS NOT NULL THEN
    RETURN QUERY SELECT 'completed'::text, r.completed_at;
  ELSIF r.status <> 'open' THEN
    RETURN QUERY SELECT r.status::text, NULL::timestamptz;
  ELSIF r.instrument_id <> p_instrument OR r.instrument_version <> p_version THEN
    RETURN QUERY SELECT 'stale'::text, NULL::timestamptz;
  ELSIF p_types IS NOT NULL AND NOT COALESCE(r.respondent_type = ANY (p_types), false) THEN
    RETURN QUERY SELECT 'hidden'::text, NULL::timestamptz;
  ELSE
    -- Not submitted (checked above under the row lock) and not imported: not counted, no stamp moves.
    IF r.source IS DISTINCT FROM 'import' THEN
      PERFORM set_config('samverka.uncounted_answer', 'on', true);
    END IF;
    INSERT INTO answers (respondent_id, item_id, value) VALUES (r.id, p_item, p_value)
    ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now();
    PERFORM set_config('samverka.uncounted_answer', 'off', true);
    IF r.started_at IS NULL THEN
      UPDATE respondents SET started_at = now() WHERE id = r.id;
    END IF;
    RETURN QUERY SELECT 'saved'::text, NULL::timestamptz;
  END IF;
END
$$;
