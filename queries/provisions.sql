-- provisions: what the documents contain, with the demand each carries.
--
-- Parameters:
--   :document  only the provisions of this document, or NULL or blank for all
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
SELECT p.id,
       p.document_id AS document,
       d.title AS document_title,
       p.issue_id AS issue,
       (SELECT name FROM issues WHERE id = p.issue_id) AS issue_name,
       p.text,
       p.demand_id AS demand,
       dm.by_parties AS demand_party,
       dm.by_names AS demand_party_name
  FROM (SELECT * FROM provisions WHERE coalesce(:document, '') <> '' AND document_id = :document
        UNION ALL
        SELECT * FROM provisions WHERE coalesce(:document, '') = '') p
  JOIN documents d ON d.id = p.document_id
  LEFT JOIN demands dm ON dm.id = p.demand_id
 ORDER BY p.document_id, p.id;
