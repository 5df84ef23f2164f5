-- evidence: the quotes behind one fact, with their source and some context.
--
-- Parameters:
--   :id  the id of a demand, position, document, provision, talk or outcome
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
SELECT e.kind,
       e.fact_id AS id,
       e.date,
       e.says,
       e.speaker,
       (SELECT name FROM actors WHERE id = e.speaker) AS speaker_name,
       e.attribution,
       e.implied,
       e.quote,
       s.slug AS source,
       s.title AS source_name,
       s.publisher,
       s.url,
       s.published,
       e.start_offset,
       e.end_offset,
       substr(s.text, max(1, e.start_offset + 1 - 60), min(60, e.start_offset)) AS before,
       substr(s.text, e.end_offset + 1, 60) AS after
  FROM evidence_facts e
  JOIN sources s ON s.id = e.source_id
 WHERE e.id IN (SELECT id FROM evidence WHERE demand_id = :id
                UNION ALL SELECT id FROM evidence WHERE position_id = :id
                UNION ALL SELECT id FROM evidence WHERE talk_id = :id
                UNION ALL SELECT id FROM evidence WHERE outcome_id = :id
                UNION ALL SELECT id FROM evidence WHERE document_id = :id
                UNION ALL SELECT id FROM evidence WHERE provision_id = :id)
 ORDER BY e.date_min, s.published_min, e.start_offset;
