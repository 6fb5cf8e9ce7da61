-- Link answers saved in groups (issue 15, item 5). Under load, answers that arrive while earlier ones
-- are being stored are sent together (store/link-answers.ts): one statement and one commit for the
-- group instead of one each, so the database writes and flushes its log once per group and the server
-- makes one round trip. Each answer is still checked and stored by save_link_answer (026, 028), in the
-- order given, and gets its own outcome; the group commits or fails as a whole (the caller then saves
-- each answer on its own). The caller orders a group by round and token, the order every group takes
-- its locks in, so two groups never wait for each other in a cycle.
-- `p_batch` is a JSON array of {token, round, instrument, version, item, value, types (array or null)}.
CREATE FUNCTION save_link_answers(p_batch jsonb)
RETURNS TABLE (pos int, result text, completed timestamptz) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  e record;
  s record;
BEGIN
  FOR e IN SELECT x.v, x.i::int AS i FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS x(v, i) ORDER BY x.i LOOP
    SELECT a.outcome, a.completed_at INTO s
      FROM save_link_answer(e.v->>'token', (e.v->>'round')::int, e.v->>'instrument', e.v->>'version', e.v->>'item', e.v->'value',
                            CASE WHEN jsonb_typeof(e.v->'types') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e.v->'types')) END) a;
    pos := e.i;
    result := s.outcome;
    completed := s.completed_at;
    RETURN NEXT;
  END LOOP;
END
$$;
