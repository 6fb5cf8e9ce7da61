-- Instrument library: a version duplicated in the app remembers the version it was copied from
-- (the default for "compare with"), and who created it.
ALTER TABLE instruments ADD COLUMN based_on text;
ALTER TABLE instruments ADD COLUMN created_by integer REFERENCES users(id) ON DELETE SET NULL;
