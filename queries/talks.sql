-- talks: meetings, calls and negotiations in date order.
--
-- Parameters:
--   :from    ISO day: only talks that may end on or after it, or NULL or blank
--   :to      ISO day: only talks that may begin on or before it, or NULL or blank
--   :party   only talks with this party taking part (at the table, mediating,
--            hosting or calling for it), itself or through a coalition it is
--            a member of, or NULL or blank
--   :status  held | proposed | planned | postponed | cancelled, or NULL or blank for all
--   :as_of   ISO day: give each talk's status as the latest article published
--            on or before that day reported it, or NULL or blank for the latest article's;
--            talks no article had reported by then are left out
-- Lists are ids joined by '; '.
-- Each column of ids is followed by a column `<column>_name` giving the names
-- (stored beside the party ids; issues, actors, sources looked up); terminal
-- tables show the names.
WITH reported AS (
    SELECT t.*,
           CASE WHEN coalesce(:as_of, '') = '' THEN t.status
                ELSE (SELECT st.status FROM talk_statuses st JOIN sources s ON s.id = st.source_id
                       WHERE st.talk_id = t.id AND s.published_min <= :as_of
                       ORDER BY s.published_min DESC, s.slug DESC LIMIT 1)
           END AS status_then
      FROM talk_summary t
)
SELECT t.id,
       t.title,
       t.format,
       t.status_then AS status,
       t.date,
       t.venue,
       t.parties,
       t.party_names AS parties_name,
       t.mediators,
       t.mediator_names AS mediators_name,
       t.outcomes,
       t.host,
       t.host_name,
       t.proposed_by,
       t.proposer_names AS proposed_by_name,
       t.part_of,
       t.round
  FROM reported t
 WHERE t.status_then IS NOT NULL
   AND (coalesce(:from, '') = '' OR t.date_max >= :from)
   AND (coalesce(:to, '') = '' OR t.date_min <= :to)
   AND (coalesce(:status, '') = '' OR t.status_then = :status)
   AND (coalesce(:party, '') = '' OR EXISTS (SELECT 1 FROM talk_parties tp
                                   WHERE tp.talk_id = t.id
                                     AND (tp.party_id = :party
                                          OR tp.party_id IN (SELECT m.party_id FROM party_members m
                                                              WHERE m.member_id = :party))))
 ORDER BY t.date_min, t.date_max, t.id;
