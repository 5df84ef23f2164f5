-- demands: the demands in force on a given day.
--
-- Parameters:
--   :as_of  ISO day (the last day of --as-of); a demand is in force from the
--           earliest day it may have been first seen until its `until`
--   :party  only demands made by this party (alone or jointly), or NULL or blank for all
-- Lists (by, of, condition_for, responds_to) are ids joined by '; '.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
-- With a filter set, the rows come from the filter's index (the first arm
-- of the UNION ALL); without, from a scan (the last arm): SQLite tests each
-- arm's constant condition once, so only one arm runs.
SELECT d.id,
       d.by_parties AS party,
       d.by_names AS party_name,
       d.of_parties AS "of",
       d.of_names AS of_name,
       d.issue_id AS issue,
       (SELECT name FROM issues WHERE id = d.issue_id) AS issue_name,
       d.text,
       d.since,
       d.last_seen,
       d.until,
       d.replaces,
       d.due,
       (SELECT group_concat(condition_for, '; ')
          FROM (SELECT c.condition_for FROM conditions c WHERE c.demand_id = d.id ORDER BY 1)) AS condition_for,
       (SELECT group_concat(responds_to, '; ')
          FROM (SELECT r.responds_to FROM responses r WHERE r.fact_id = d.id ORDER BY 1)) AS responds_to
  FROM (SELECT d.* FROM demand_parties dp CROSS JOIN demands d ON d.id = dp.demand_id
         WHERE coalesce(:party, '') <> '' AND dp.party_id = :party AND dp.role = 'by'
        UNION ALL
        SELECT * FROM demands WHERE coalesce(:party, '') = '') d
 WHERE d.since_min <= :as_of
   AND (d.until_min IS NULL OR d.until_min > :as_of)
 ORDER BY d.by_parties, d.since_min, d.id;
