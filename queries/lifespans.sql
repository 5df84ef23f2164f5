-- lifespans: each demand, position and document alive in a window, with
-- the days of its evidence: what `negkb chart` draws.
--
-- Parameters:
--   :from   ISO day: only facts not ended before it, or NULL or blank
--   :to     ISO day: only facts first seen by it, or NULL or blank
--   :party  only facts this party makes, holds or tabled (alone or jointly),
--           or NULL or blank for all
-- until_min is NULL while a fact is in force. evidence lists the first and
-- last day of each of its quotes' dates, as 'first..last', joined by ' '.
-- Sorted by party, then by first day.
SELECT party, party_name, kind, id, text, since_min, until_min, evidence
  FROM (SELECT d.by_parties AS party, d.by_names AS party_name, 'demand' AS kind, d.id, d.text,
               d.since_min, d.until_min,
               (SELECT group_concat(e.date_min || '..' || e.date_max, ' ')
                  FROM evidence e WHERE e.demand_id = d.id) AS evidence
          FROM demands d
         WHERE (coalesce(:party, '') = '' OR EXISTS (SELECT 1 FROM demand_parties dp
                                                       WHERE dp.demand_id = d.id AND dp.role = 'by' AND dp.party_id = :party))
        UNION ALL
        SELECT p.parties, p.party_names, 'position', p.id, p.text, p.since_min, p.until_min,
               (SELECT group_concat(e.date_min || '..' || e.date_max, ' ')
                  FROM evidence e WHERE e.position_id = p.id)
          FROM positions p
         WHERE (coalesce(:party, '') = '' OR EXISTS (SELECT 1 FROM position_parties pp
                                                       WHERE pp.position_id = p.id AND pp.party_id = :party))
        UNION ALL
        SELECT coalesce(o.by_parties, o.parties, ''), coalesce(o.by_names, o.party_names, ''), 'document',
               o.id, o.title, o.since_min, o.until_min,
               (SELECT group_concat(e.date_min || '..' || e.date_max, ' ')
                  FROM evidence e WHERE e.document_id = o.id)
          FROM documents o
         WHERE (coalesce(:party, '') = '' OR EXISTS (SELECT 1 FROM document_parties op
                                                       WHERE op.document_id = o.id AND op.party_id = :party))) f
 WHERE (coalesce(:from, '') = '' OR f.until_min IS NULL OR f.until_min >= :from)
   AND (coalesce(:to, '') = '' OR f.since_min <= :to)
 ORDER BY party, since_min, kind, id;
