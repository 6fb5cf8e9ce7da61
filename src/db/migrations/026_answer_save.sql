-- One answer saved through a respondent link in one statement (issue 15, item 5).
--
-- Until now a save was a transaction of four round trips (BEGIN; lock the respondent FOR UPDATE and
-- the round FOR SHARE; upsert; COMMIT), and with a few hundred respondents at once the round row's
-- share lock became the bottleneck: every FOR SHARE on a row others already share-lock writes a new
-- multixact of all of them into the row. The round's lock is now a transaction-level advisory lock on
-- (726837601, round id): answers take it shared (no row is written), whatever changes a round's
-- status, instrument or sample takes it exclusively first (store/rounds.ts lockRound). The guarantee
-- stays the same: a close either waits until an answer in flight is stored, or the answer sees the
-- round closed.
--
-- save_link_answer runs as one statement (one implicit transaction): the shared lock first, then, in
-- statements of their own (a PL/pgSQL statement takes a fresh snapshot, so one that waited for a close
-- sees it committed), the respondent locked FOR UPDATE and checked, then the upsert. The caller has
-- validated the value against the instrument it passes (id, version); `p_types` are the respondent
-- types the item is routed to (NULL: everyone). Outcomes, in the order the transactional path checks
-- them (rounds/answers/link.ts): unknown (no such link in that round), completed (with the time),
-- draft or closed (the round's status), stale (the round has another instrument than the caller's),
-- hidden (the item is not routed to the respondent's type), saved.
CREATE FUNCTION save_link_answer(p_token text, p_round int, p_instrument text, p_version text, p_item text, p_value jsonb, p_types text[])
RETURNS TABLE (outcome text, completed_at timestamptz) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  r record;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(726837601, p_round);
  SELECT p.id, p.respondent_type, p.completed_at, p.started_at, o.status, o.instrument_id, o.instrument_version INTO r
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
    INSERT INTO answers (respondent_id, item_id, value) VALUES (r.id, p_item, p_value)
    ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now();
    IF r.started_at IS NULL THEN
      UPDATE respondents SET started_at = now() WHERE id = r.id;
    END IF;
    RETURN QUERY SELECT 'saved'::text, NULL::timestamptz;
  END IF;
END
$$;
