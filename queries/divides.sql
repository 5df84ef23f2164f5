-- divides: each demand, document or provision with the positions that
-- reject or oppose it.
--
-- Parameters:
--   :party  only divides this party is on either side of, or NULL or blank for all
-- by, of and response_party are party ids joined by '; '. With a party, the
-- pairs come from the party indexes (the parties of the position, of the
-- demand, or of the document or of the provision's document); without, from
-- the whole view.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
WITH chosen (response, demand) AS (
    SELECT r.fact_id, r.responds_to FROM position_parties pp JOIN responses r ON r.fact_id = pp.position_id
     WHERE coalesce(:party, '') <> '' AND pp.party_id = :party
    UNION
    SELECT r.fact_id, r.responds_to FROM demand_parties dp JOIN responses r ON r.responds_to = dp.demand_id
     WHERE coalesce(:party, '') <> '' AND dp.party_id = :party
    UNION
    SELECT r.fact_id, r.responds_to FROM document_parties op JOIN responses r ON r.responds_to = op.document_id
     WHERE coalesce(:party, '') <> '' AND op.party_id = :party
    UNION
    SELECT r.fact_id, r.responds_to FROM document_parties op JOIN provisions v ON v.document_id = op.document_id
      JOIN responses r ON r.responds_to = v.id
     WHERE coalesce(:party, '') <> '' AND op.party_id = :party
)
SELECT issue, (SELECT name FROM issues WHERE id = v.issue) AS issue_name,
       demand,
       by, by_name,
       "of", of_name,
       demand_text,
       response,
       response_party, response_party_name,
       stance,
       response_text
  FROM (SELECT v.* FROM chosen c CROSS JOIN divides v ON v.response = c.response AND v.demand = c.demand
        UNION ALL
        SELECT * FROM divides WHERE coalesce(:party, '') = '') v
 ORDER BY issue, demand, response;
