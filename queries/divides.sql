-- divides: each demand, document or provision with the positions that
-- reject or oppose it.
--
-- Parameters:
--   :party  only divides this party is on either side of, or NULL for all
-- by, of and response_party are party ids joined by '; '.
SELECT issue, demand, by, "of", demand_text, response, response_party, stance, response_text
  FROM divides
 WHERE :party IS NULL
    OR '; ' || coalesce(by, '') || '; ' || coalesce("of", '') || '; ' || response_party || '; '
       LIKE '%; ' || :party || '; %'
 ORDER BY issue, demand, response;
