-- demands: the demands in force on a given day.
--
-- Parameters:
--   :as_of  ISO day (the last day of --as-of); a demand is in force from the
--           earliest day it may have been first seen until its `until`
--   :party  only demands made by this party, or NULL for all
-- The unary + keeps SQLite from walking the party index for the order: a
-- scan and a sort of the matches is twice as fast on a large corpus.
SELECT d.id,
       d.party_id AS party,
       d.of_party_id AS "of",
       d.issue_id AS issue,
       d.text,
       d.since,
       d.last_seen,
       d.until,
       d.replaces
  FROM demands d
 WHERE d.since_min <= :as_of
   AND (d.until_min IS NULL OR d.until_min > :as_of)
   AND (:party IS NULL OR d.party_id = :party)
 ORDER BY +d.party_id, d.since_min, d.id;
