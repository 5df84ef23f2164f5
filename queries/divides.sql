-- divides: each demand, document or provision with the positions that
-- reject or oppose it.
--
-- Parameters:
--   :party  only divides this party is on either side of, or NULL or blank for all
-- by, of and response_party are party ids joined by '; '.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
SELECT issue, (SELECT name FROM issues WHERE id = v.issue) AS issue_name,
       demand,
       by, by_name,
       "of", of_name,
       demand_text,
       response,
       response_party, response_party_name,
       stance,
       response_text
  FROM divides v
 WHERE coalesce(:party, '') = ''
    OR '; ' || coalesce(by, '') || '; ' || coalesce("of", '') || '; ' || response_party || '; '
       LIKE '%; ' || :party || '; %'
 ORDER BY issue, demand, response;
