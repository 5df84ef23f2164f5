-- documents: the texts on the table (proposals, plans, memoranda,
-- agreements...) with their status on a day and who accepts or rejects them.
--
-- Parameters:
--   :as_of  ISO day: status as of that day (the `says` of the latest
--           evidence dated on or before it); documents first seen after it
--           are left out
--   :party  only documents this party drafted, tabled or is bound by, or NULL or blank
--   :issue  only documents on this issue, or NULL or blank
-- status: proposed, revised, signed, in-force and held leave a document on
-- the table; collapsed and withdrawn take it off; suspended pauses it.
-- accepted_by / rejected_by: parties of positions held that day that accept,
-- or reject or oppose, the document or one of its provisions; replaced_by:
-- revisions seen by that day. Lists are ids joined by '; '.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
-- With a filter set, the rows come from the filter's index (the first arm
-- of the UNION ALL); without, from a scan (the last arm): SQLite tests each
-- arm's constant condition once, so only one arm runs.
SELECT d.id,
       d.title,
       d.kind,
       d.by_parties AS by,
       d.by_names AS by_name,
       d.parties,
       d.party_names AS parties_name,
       (SELECT e.says FROM evidence e
         WHERE e.document_id = d.id AND e.date_min <= :as_of
         ORDER BY e.date_max DESC, e.date_min DESC, e.id DESC LIMIT 1) AS status,
       d.since,
       d.last_seen,
       d.responds_to,
       d.replaces,
       (SELECT group_concat(id, '; ')
          FROM (SELECT r.id FROM documents r
                 WHERE r.replaces = d.id AND r.since_min <= :as_of ORDER BY r.id)) AS replaced_by,
       (SELECT group_concat(party_id, '; ')
          FROM (SELECT DISTINCT pp.party_id
                  FROM (SELECT d.id AS target
                        UNION ALL SELECT v.id FROM provisions v WHERE v.document_id = d.id) t
                  JOIN responses r ON r.responds_to = t.target
                  JOIN positions p ON p.id = r.fact_id AND p.stance = 'accepts'
                   AND p.since_min <= :as_of AND (p.until_min IS NULL OR p.until_min > :as_of)
                  JOIN position_parties pp ON pp.position_id = p.id
                 ORDER BY 1)) AS accepted_by,
       (SELECT group_concat(party_id, '; ')
          FROM (SELECT DISTINCT pp.party_id
                  FROM (SELECT d.id AS target
                        UNION ALL SELECT v.id FROM provisions v WHERE v.document_id = d.id) t
                  JOIN responses r ON r.responds_to = t.target
                  JOIN positions p ON p.id = r.fact_id AND p.stance IN ('rejects', 'opposes')
                   AND p.since_min <= :as_of AND (p.until_min IS NULL OR p.until_min > :as_of)
                  JOIN position_parties pp ON pp.position_id = p.id
                 ORDER BY 1)) AS rejected_by,
       (SELECT count(*) FROM provisions p WHERE p.document_id = d.id) AS provisions,
       d.issue_id AS issue,
       (SELECT name FROM issues WHERE id = d.issue_id) AS issue_name
  FROM (SELECT DISTINCT d.* FROM document_parties dp CROSS JOIN documents d ON d.id = dp.document_id
         WHERE coalesce(:party, '') <> '' AND dp.party_id = :party
        UNION ALL
        SELECT * FROM documents
         WHERE coalesce(:party, '') = '' AND coalesce(:issue, '') <> '' AND issue_id = :issue
        UNION ALL
        SELECT * FROM documents WHERE coalesce(:party, '') = '' AND coalesce(:issue, '') = '') d
 WHERE d.since_min <= :as_of
   AND (coalesce(:issue, '') = '' OR d.issue_id = :issue)
 ORDER BY d.since_min, d.id;
