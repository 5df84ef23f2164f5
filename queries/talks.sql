-- talks: meetings, calls and negotiations in date order.
--
-- Parameters:
--   :from    ISO day: only talks that may end on or after it, or NULL
--   :to      ISO day: only talks that may begin on or before it, or NULL
--   :party   only talks with this party at the table or mediating, or NULL
--   :status  held | proposed | planned | cancelled, or NULL for all
SELECT t.id,
       t.title,
       t.format,
       t.status,
       t.date,
       t.venue,
       t.parties,
       t.mediators,
       t.outcomes
  FROM talk_summary t
 WHERE (:from IS NULL OR t.date_max >= :from)
   AND (:to IS NULL OR t.date_min <= :to)
   AND (:status IS NULL OR t.status = :status)
   AND (:party IS NULL OR EXISTS (SELECT 1 FROM talk_parties tp
                                   WHERE tp.talk_id = t.id AND tp.party_id = :party))
 ORDER BY t.date_min, t.date_max, t.id;
