-- provisions: what the documents contain, with the demand each carries.
--
-- Parameters:
--   :document  only the provisions of this document, or NULL for all
SELECT p.id,
       p.document_id AS document,
       d.title AS document_title,
       p.issue_id AS issue,
       p.text,
       p.demand_id AS demand,
       dm.by_parties AS demand_party
  FROM provisions p
  JOIN documents d ON d.id = p.document_id
  LEFT JOIN demands dm ON dm.id = p.demand_id
 WHERE :document IS NULL OR p.document_id = :document
 ORDER BY p.document_id, p.id;
