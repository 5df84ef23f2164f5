-- timeline: every dated piece of evidence in order.
--
-- Parameters:
--   :from  ISO day: only evidence that may date from it or later, or NULL or blank
--   :to    ISO day: only evidence that may date from it or earlier, or NULL or blank
-- A blank or NULL bound is open.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
-- The quotes in the window come from the date index in two arms: those
-- dated over at most a year, which begin at most 366 days before :from, and
-- the few wider ones from their partial index (see the schema's conventions).
WITH inside (id) AS (
    SELECT id FROM evidence
     WHERE date_min BETWEEN coalesce(date(nullif(:from, ''), '-366 days'), '0001-01-01')
                        AND coalesce(nullif(:to, ''), '9999-12-31')
       AND date_max >= coalesce(nullif(:from, ''), '0001-01-01')
       AND julianday(date_max) - julianday(date_min) <= 366
    UNION ALL
    SELECT id FROM evidence
     WHERE julianday(date_max) - julianday(date_min) > 366
       AND date_min <= coalesce(nullif(:to, ''), '9999-12-31')
       AND date_max >= coalesce(nullif(:from, ''), '0001-01-01')
)
SELECT t.date,
       t.party, t.party_name,
       t.kind, t.id, t.says,
       t.speaker, (SELECT name FROM actors WHERE id = t.speaker) AS speaker_name,
       t.quote,
       t.source, (SELECT title FROM sources WHERE slug = t.source) AS source_name
  FROM inside i
  JOIN timeline t ON t.evidence_id = i.id
 ORDER BY t.date_min, t.date_max, t.id, t.evidence_id;
