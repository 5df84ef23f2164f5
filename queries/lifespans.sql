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
-- With a party, each kind's rows come from its party index (the first arm
-- of each kind); without, from a scan (the second): SQLite tests each arm's
-- constant condition once, so only one arm of each kind runs.
SELECT party, party_name, kind, id, text, since_min, until_min, evidence
  FROM (SELECT d.by_parties AS party, d.by_names AS party_name, 'demand' AS kind, d.id, d.text,
               d.since_min, d.until_min,
               (SELECT group_concat(e.date_min || '..' || e.date_max, ' ')
                  FROM evidence e WHERE e.demand_id = d.id) AS evidence
          FROM (SELECT d.* FROM demand_parties dp CROSS JOIN demands d ON d.id = dp.demand_id
                 WHERE coalesce(:party, '') <> '' AND dp.party_id = :party AND dp.role = 'by'
                UNION ALL
                SELECT * FROM demands WHERE coalesce(:party, '') = '') d
        UNION ALL
        SELECT p.parties, p.party_names, 'position', p.id, p.text, p.since_min, p.until_min,
               (SELECT group_concat(e.date_min || '..' || e.date_max, ' ')
                  FROM evidence e WHERE e.position_id = p.id)
          FROM (SELECT p.* FROM position_parties pp CROSS JOIN positions p ON p.id = pp.position_id
                 WHERE coalesce(:party, '') <> '' AND pp.party_id = :party
                UNION ALL
                SELECT * FROM positions WHERE coalesce(:party, '') = '') p
        UNION ALL
        SELECT coalesce(o.by_parties, o.parties, ''), coalesce(o.by_names, o.party_names, ''), 'document',
               o.id, o.title, o.since_min, o.until_min,
               (SELECT group_concat(e.date_min || '..' || e.date_max, ' ')
                  FROM evidence e WHERE e.document_id = o.id)
          FROM (SELECT DISTINCT o.* FROM document_parties op CROSS JOIN documents o ON o.id = op.document_id
                 WHERE coalesce(:party, '') <> '' AND op.party_id = :party
                UNION ALL
                SELECT * FROM documents WHERE coalesce(:party, '') = '') o) f
 WHERE (coalesce(:from, '') = '' OR f.until_min IS NULL OR f.until_min >= :from)
   AND (coalesce(:to, '') = '' OR f.since_min <= :to)
 ORDER BY party, since_min, kind, id;
