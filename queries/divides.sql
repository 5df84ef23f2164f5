-- divides: each demand with the positions that reject or oppose it.
--
-- Parameters:
--   :party  only divides this party is on either side of, or NULL for all
SELECT issue, demand, by, "of", demand_text, response, response_party, stance, response_text
  FROM divides
 WHERE :party IS NULL OR :party IN (by, "of", response_party)
 ORDER BY issue, demand, response;
