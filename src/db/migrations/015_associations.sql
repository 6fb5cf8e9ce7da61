-- The region's four kommunalförbund in one instance (issue 14, DOMAIN.md §2). Membership, not geography:
-- Kungsbacka (Halland) is a member of Göteborgsregionen. Reference data, not demo data: the region, its
-- associations with their short ids and their 50 member municipalities with SCB codes.
--
-- Every association-owned aggregate gets association_id; rows that exist before this migration belong to
-- the instance's first association (Fyrbodal on every installation so far). New rows without an explicit
-- association get default_association_id(): the lowest association id. Instruments and the national
-- benchmarks stay shared across associations; economics years and risks belong to an association through
-- their municipality or group.

ALTER TABLE associations ADD COLUMN short_id text;
-- How the association counts "Antal delregionala aktörer": Fyrbodal counts its member municipalities among
-- the actors (VGR Analys 2025:40 table 1), Göteborgsregionen only actors other than the municipalities and
-- the association itself (table 3). The definition travels with the figure.
ALTER TABLE associations ADD COLUMN actors_include_municipalities boolean NOT NULL DEFAULT true;
ALTER TABLE associations ADD COLUMN indicator_definition text NOT NULL DEFAULT '';

INSERT INTO regions (name) VALUES ('Västra Götalandsregionen') ON CONFLICT (name) DO NOTHING;

INSERT INTO associations (region_id, name, short_id, actors_include_municipalities, indicator_definition)
SELECT r.id, a.name, a.short_id, a.inc, a.def FROM regions r, (VALUES
  (1, 'Fyrbodals kommunalförbund', 'fyrbodal', true, 'Aktörer räknas inklusive medlemskommunerna och kommunalförbundet (VGR Analys 2025:40, tabell 1).'),
  (2, 'Göteborgsregionen', 'gr', false, 'Aktörer räknas utöver kommunerna och GR själva (VGR Analys 2025:40, tabell 3).'),
  (3, 'Sjuhärads kommunalförbund', 'sjuharad', true, 'Aktörer räknas inklusive kommunerna i Sjuhärad och kommunalförbundet (VGR Analys 2025:40, tabell 5).'),
  (4, 'Skaraborgs kommunalförbund', 'skaraborg', true, 'Aktörer räknas inklusive kommunerna i Skaraborg och kommunalförbundet (VGR Analys 2025:40, tabell 7).')
) AS a(sort, name, short_id, inc, def)
WHERE r.name = 'Västra Götalandsregionen'
ORDER BY a.sort
ON CONFLICT (name) DO UPDATE SET short_id = EXCLUDED.short_id, region_id = COALESCE(associations.region_id, EXCLUDED.region_id),
  actors_include_municipalities = EXCLUDED.actors_include_municipalities, indicator_definition = EXCLUDED.indicator_definition;

CREATE UNIQUE INDEX associations_short_id ON associations (short_id);

INSERT INTO municipalities (code, name, association_id)
SELECT m.code, m.name, a.id FROM (VALUES
  ('1401', 'Härryda', 'gr'),
  ('1402', 'Partille', 'gr'),
  ('1407', 'Öckerö', 'gr'),
  ('1415', 'Stenungsund', 'gr'),
  ('1419', 'Tjörn', 'gr'),
  ('1440', 'Ale', 'gr'),
  ('1441', 'Lerum', 'gr'),
  ('1462', 'Lilla Edet', 'gr'),
  ('1480', 'Göteborg', 'gr'),
  ('1481', 'Mölndal', 'gr'),
  ('1482', 'Kungälv', 'gr'),
  ('1489', 'Alingsås', 'gr'),
  ('1384', 'Kungsbacka', 'gr'),
  ('1421', 'Orust', 'fyrbodal'),
  ('1427', 'Sotenäs', 'fyrbodal'),
  ('1430', 'Munkedal', 'fyrbodal'),
  ('1435', 'Tanum', 'fyrbodal'),
  ('1438', 'Dals-Ed', 'fyrbodal'),
  ('1439', 'Färgelanda', 'fyrbodal'),
  ('1460', 'Bengtsfors', 'fyrbodal'),
  ('1461', 'Mellerud', 'fyrbodal'),
  ('1484', 'Lysekil', 'fyrbodal'),
  ('1485', 'Uddevalla', 'fyrbodal'),
  ('1486', 'Strömstad', 'fyrbodal'),
  ('1487', 'Vänersborg', 'fyrbodal'),
  ('1488', 'Trollhättan', 'fyrbodal'),
  ('1492', 'Åmål', 'fyrbodal'),
  ('1442', 'Vårgårda', 'sjuharad'),
  ('1443', 'Bollebygd', 'sjuharad'),
  ('1452', 'Tranemo', 'sjuharad'),
  ('1463', 'Mark', 'sjuharad'),
  ('1465', 'Svenljunga', 'sjuharad'),
  ('1466', 'Herrljunga', 'sjuharad'),
  ('1490', 'Borås', 'sjuharad'),
  ('1491', 'Ulricehamn', 'sjuharad'),
  ('1444', 'Grästorp', 'skaraborg'),
  ('1445', 'Essunga', 'skaraborg'),
  ('1446', 'Karlsborg', 'skaraborg'),
  ('1447', 'Gullspång', 'skaraborg'),
  ('1470', 'Vara', 'skaraborg'),
  ('1471', 'Götene', 'skaraborg'),
  ('1472', 'Tibro', 'skaraborg'),
  ('1473', 'Töreboda', 'skaraborg'),
  ('1493', 'Mariestad', 'skaraborg'),
  ('1494', 'Lidköping', 'skaraborg'),
  ('1495', 'Skara', 'skaraborg'),
  ('1496', 'Skövde', 'skaraborg'),
  ('1497', 'Hjo', 'skaraborg'),
  ('1498', 'Tidaholm', 'skaraborg'),
  ('1499', 'Falköping', 'skaraborg')
) AS m(code, name, short_id) JOIN associations a ON a.short_id = m.short_id
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, association_id = EXCLUDED.association_id;

CREATE INDEX municipalities_association ON municipalities (association_id);

CREATE FUNCTION default_association_id() RETURNS int LANGUAGE sql STABLE AS $$ SELECT min(id) FROM associations $$;

-- Accounts: a förbundsadmin, kommunansvarig or läsare belongs to one association; the region's analyst
-- (regionanalytiker) to none (it reads every association's follow-up, never identifiable survey data).
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('forbundsadmin', 'kommunansvarig', 'lasare', 'regionanalytiker'));
ALTER TABLE users ADD COLUMN association_id int REFERENCES associations(id);
UPDATE users SET association_id = default_association_id();
ALTER TABLE users ADD CONSTRAINT users_association_check CHECK (role = 'regionanalytiker' OR association_id IS NOT NULL);

-- An e-mail domain's sign-in rule creates accounts in one association.
ALTER TABLE sign_in_domains ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);

ALTER TABLE rounds ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);
CREATE INDEX rounds_association ON rounds (association_id);

ALTER TABLE initiatives ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);
CREATE INDEX initiatives_association ON initiatives (association_id);

ALTER TABLE networks ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);
ALTER TABLE networks DROP CONSTRAINT networks_name_key;
ALTER TABLE networks ADD CONSTRAINT networks_association_name_key UNIQUE (association_id, name);

ALTER TABLE funding_projects ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);
ALTER TABLE funding_projects DROP CONSTRAINT funding_projects_name_key;
ALTER TABLE funding_projects ADD CONSTRAINT funding_projects_association_name_key UNIQUE (association_id, name);

ALTER TABLE indicator_values ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);
ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_pkey;
ALTER TABLE indicator_values ADD PRIMARY KEY (association_id, year, indicator);

ALTER TABLE municipality_groups ADD COLUMN association_id int NOT NULL DEFAULT default_association_id() REFERENCES associations(id);
ALTER TABLE municipality_groups DROP CONSTRAINT municipality_groups_name_key;
ALTER TABLE municipality_groups ADD CONSTRAINT municipality_groups_association_name_key UNIQUE (association_id, name);
