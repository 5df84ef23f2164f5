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
-- With a party, the talks come from the party index (the first arm of the
-- UNION ALL); without, from the date index in two arms: talks over at most a
-- year, which begin at most 366 days before :from, and the few wider ones
-- from their partial index (see the schema's conventions). A blank or NULL
-- date bound is open.
WITH chosen (id) AS (
    SELECT DISTINCT tp.talk_id FROM talk_parties tp
     WHERE coalesce(:party, '') <> ''
       AND tp.party_id IN (SELECT :party UNION ALL
                           SELECT m.party_id FROM party_members m WHERE m.member_id = :party)
),
reported AS (
    SELECT t.*,
           CASE WHEN coalesce(:as_of, '') = '' THEN t.status
                ELSE (SELECT st.status FROM talk_statuses st JOIN sources s ON s.id = st.source_id
                       WHERE st.talk_id = t.id AND s.published_min <= :as_of
                       ORDER BY s.published_min DESC, s.slug DESC LIMIT 1)
           END AS status_then
      FROM (SELECT t.* FROM chosen c CROSS JOIN talk_summary t ON t.id = c.id
            UNION ALL
            SELECT * FROM talk_summary
             WHERE coalesce(:party, '') = ''
               AND date_min BETWEEN coalesce(date(nullif(:from, ''), '-366 days'), '0001-01-01')
                                AND coalesce(nullif(:to, ''), '9999-12-31')
               AND julianday(date_max) - julianday(date_min) <= 366
            UNION ALL
            SELECT * FROM talk_summary
             WHERE coalesce(:party, '') = ''
               AND julianday(date_max) - julianday(date_min) > 366
               AND date_min <= coalesce(nullif(:to, ''), '9999-12-31')) t
     WHERE t.date_max >= coalesce(nullif(:from, ''), '0001-01-01')
       AND t.date_min <= coalesce(nullif(:to, ''), '9999-12-31')
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
   AND (coalesce(:status, '') = '' OR t.status_then = :status)
 ORDER BY t.date_min, t.date_max, t.id;
