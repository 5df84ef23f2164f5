-- timeline: every dated piece of evidence in order.
--
-- Parameters:
--   :from  ISO day: only evidence that may date from it or later, or NULL or blank
--   :to    ISO day: only evidence that may date from it or earlier, or NULL or blank
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
 WHERE (coalesce(:from, '') = '' OR date_max >= :from)
   AND (coalesce(:to, '') = '' OR date_min <= :to);
