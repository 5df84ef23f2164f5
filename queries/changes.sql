-- changes: how demands and positions changed between two dates.
--
-- Parameters (ISO days; unset = NULL):
--   :from      first day of the window (first day of --from)
--   :from_end  last day of the --from period (e.g. 2022-12-31 for --from 2022)
--   :to        last day of the window (last day of --to)
--   :party     only this party's facts, or NULL for all
-- In sqlite3:  .param set :from "'2022-01-01'"
--              .param set :from_end "'2022-12-31'"
--              .param set :to "'2026-12-31'"
--              .read queries/changes.sql
--
-- One row per change in the window, or one `unchanged` row:
--   added      first seen after the --from period, or evidence says `added` in the window
--   dropped    evidence says `dropped` in the window (its earliest such date)
--   replaced   facts naming it in `replaces` were first seen in the window (`by`)
--   unchanged  seen during the --from period, not dropped or replaced by the window's end
-- Facts first seen after the window, or ended before it, are left out.
WITH facts AS MATERIALIZED (
    SELECT 'demand' AS kind, d.id, d.party_id AS party, d.issue_id AS issue, d.text,
           d.since, d.since_min, d.last_seen, d.until_min,
           (SELECT e.date FROM evidence e
             WHERE e.demand_id = d.id AND e.says = 'added' AND e.date_min BETWEEN :from AND :to
             ORDER BY e.date_min LIMIT 1) AS added,
           (SELECT e.date FROM evidence e
             WHERE e.demand_id = d.id AND e.says = 'dropped' AND e.date_min BETWEEN :from AND :to
             ORDER BY e.date_min LIMIT 1) AS dropped,
           (SELECT r.since FROM demands r
             WHERE r.replaces = d.id AND r.since_min BETWEEN :from AND :to
             ORDER BY r.since_min LIMIT 1) AS replaced,
           (SELECT group_concat(id, '; ') FROM (SELECT r.id FROM demands r
             WHERE r.replaces = d.id AND r.since_min BETWEEN :from AND :to ORDER BY r.id)) AS by
      FROM demands d
     WHERE d.since_min <= :to
       AND (d.until_min IS NULL OR d.until_min >= :from)
       AND (:party IS NULL OR d.party_id = :party)
    UNION ALL
    SELECT 'position', p.id, p.party_id, p.issue_id, p.text,
           p.since, p.since_min, p.last_seen, p.until_min,
           (SELECT e.date FROM evidence e
             WHERE e.position_id = p.id AND e.says = 'added' AND e.date_min BETWEEN :from AND :to
             ORDER BY e.date_min LIMIT 1),
           (SELECT e.date FROM evidence e
             WHERE e.position_id = p.id AND e.says = 'dropped' AND e.date_min BETWEEN :from AND :to
             ORDER BY e.date_min LIMIT 1),
           (SELECT r.since FROM positions r
             WHERE r.replaces = p.id AND r.since_min BETWEEN :from AND :to
             ORDER BY r.since_min LIMIT 1),
           (SELECT group_concat(id, '; ') FROM (SELECT r.id FROM positions r
             WHERE r.replaces = p.id AND r.since_min BETWEEN :from AND :to ORDER BY r.id))
      FROM positions p
     WHERE p.since_min <= :to
       AND (p.until_min IS NULL OR p.until_min >= :from)
       AND (:party IS NULL OR p.party_id = :party)
)
SELECT party, kind, id, issue, text, 'added' AS change, coalesce(added, since) AS date,
       NULL AS by, last_seen
  FROM facts WHERE since_min > :from_end OR added IS NOT NULL
UNION ALL
SELECT party, kind, id, issue, text, 'dropped', dropped, NULL, last_seen
  FROM facts WHERE dropped IS NOT NULL
UNION ALL
SELECT party, kind, id, issue, text, 'replaced', replaced, by, last_seen
  FROM facts WHERE replaced IS NOT NULL
UNION ALL
SELECT party, kind, id, issue, text, 'unchanged', since, NULL, last_seen
  FROM facts
 WHERE since_min <= :from_end AND added IS NULL AND dropped IS NULL AND replaced IS NULL
   AND (until_min IS NULL OR until_min > :to)
 ORDER BY 1, 2, 7, 3;
