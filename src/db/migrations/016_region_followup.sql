-- The region's follow-up of its associations (issue 14, DOMAIN.md §10; VGR Analys 2025:40 tables 1–8).
--
-- Indicators: the published outcome keeps its date ("as of", e.g. "aug. 2025": "Utfall per aug. 2025") beside
-- its source, and the number of member municipalities the published text states (GR's "14 kommuner inklusive
-- Kungsbacka" against 13 members is flagged, not copied).
ALTER TABLE indicator_values ADD COLUMN reported_as_of text NOT NULL DEFAULT '';
ALTER TABLE indicator_values ADD COLUMN stated_members int CHECK (stated_members >= 0);

-- Funding: the requisition period (from–to), the published table's own totals and unit as published, the
-- decided total in kronor (1 500 tkr from MRU and as much from Västkom = 3 000 000 kr per association), the
-- table's title and source. The stated totals are kept as published and checked against the rows.
ALTER TABLE funding_projects ADD COLUMN requisitioned_from date;
ALTER TABLE funding_projects ADD COLUMN unit text NOT NULL DEFAULT 'kr' CHECK (unit IN ('kr', 'tkr', 'mnkr'));
ALTER TABLE funding_projects ADD COLUMN stated_applied bigint;
ALTER TABLE funding_projects ADD COLUMN stated_requisitioned bigint;
ALTER TABLE funding_projects ADD COLUMN stated_remaining bigint;
ALTER TABLE funding_projects ADD COLUMN decided_total bigint CHECK (decided_total >= 0);
ALTER TABLE funding_projects ADD COLUMN caption text NOT NULL DEFAULT '';
ALTER TABLE funding_projects ADD COLUMN source text NOT NULL DEFAULT '';
