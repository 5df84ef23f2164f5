-- timeline: every dated piece of evidence in order.
--
-- Parameters:
--   :from  ISO day: only evidence that may date from it or later, or NULL or blank
--   :to    ISO day: only evidence that may date from it or earlier, or NULL or blank
-- A blank or NULL bound is open: the conditions stay plain ranges, so the
-- date index serves them.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
SELECT date,
       party, party_name,
       kind, id, says,
       speaker, (SELECT name FROM actors WHERE id = t.speaker) AS speaker_name,
       quote,
       source, (SELECT title FROM sources WHERE slug = t.source) AS source_name
  FROM timeline t
 WHERE date_min <= coalesce(nullif(:to, ''), '9999-12-31')
   AND date_max >= coalesce(nullif(:from, ''), '0001-01-01');
