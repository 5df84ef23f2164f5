-- positions: the positions held on a given day.
--
-- Parameters:
--   :as_of  ISO day (the last day of --as-of)
--   :party  only positions this party holds (alone or jointly), or NULL or blank for all
--   :issue  only positions on this issue, or NULL or blank for all
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
-- With a filter set, the rows come from the filter's index (the first arm
-- of the UNION ALL); without, from a scan (the last arm): SQLite tests each
-- arm's constant condition once, so only one arm runs.
SELECT p.id,
       p.parties AS party,
       p.party_names AS party_name,
       p.issue_id AS issue,
       (SELECT name FROM issues WHERE id = p.issue_id) AS issue_name,
       p.stance,
       p.text,
       p.responds_to,
       p.talk_id AS talk,
       p.since,
       p.last_seen,
       p.until,
       p.replaces
  FROM (SELECT p.* FROM position_parties pp CROSS JOIN positions p ON p.id = pp.position_id
         WHERE coalesce(:party, '') <> '' AND pp.party_id = :party
        UNION ALL
        SELECT * FROM positions
         WHERE coalesce(:party, '') = '' AND coalesce(:issue, '') <> '' AND issue_id = :issue
        UNION ALL
        SELECT * FROM positions WHERE coalesce(:party, '') = '' AND coalesce(:issue, '') = '') p
 WHERE p.since_min <= :as_of
   AND (p.until_min IS NULL OR p.until_min > :as_of)
   AND (coalesce(:issue, '') = '' OR p.issue_id = :issue)
 ORDER BY p.parties, p.since_min, p.id;
