-- What a round tells its respondents and how it reaches them: introduction text, contact person,
-- estimated time, the respondent types included (NULL = all of the instrument's types) and the
-- invitation and reminder e-mail texts (NULL = the built-in default text).
ALTER TABLE rounds
  ADD COLUMN introduction text,
  ADD COLUMN contact_name text,
  ADD COLUMN contact_email text,
  ADD COLUMN estimated_minutes int CHECK (estimated_minutes BETWEEN 1 AND 600),
  ADD COLUMN respondent_types text[],
  ADD COLUMN invitation_subject text,
  ADD COLUMN invitation_body text,
  ADD COLUMN reminder_subject text,
  ADD COLUMN reminder_body text;
