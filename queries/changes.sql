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
--
-- The marks and replacements in the window are gathered first (few rows,
-- through the evidence_changes and *_replaces indexes), then joined to the
-- facts: one pass instead of four lookups per fact.
WITH
-- The earliest evidence of each kind of mark in the window, by fact.
demands_added AS MATERIALIZED (
    SELECT demand_id AS id, date, min(date_min) FROM evidence
     WHERE says <> 'held' AND says = 'added' AND demand_id IS NOT NULL
       AND date_min BETWEEN :from AND :to
     GROUP BY demand_id
),
demands_dropped AS MATERIALIZED (
    SELECT demand_id AS id, date, min(date_min) FROM evidence
     WHERE says <> 'held' AND says = 'dropped' AND demand_id IS NOT NULL
       AND date_min BETWEEN :from AND :to
     GROUP BY demand_id
),
positions_added AS MATERIALIZED (
    SELECT position_id AS id, date, min(date_min) FROM evidence
     WHERE says <> 'held' AND says = 'added' AND position_id IS NOT NULL
       AND date_min BETWEEN :from AND :to
     GROUP BY position_id
),
positions_dropped AS MATERIALIZED (
    SELECT position_id AS id, date, min(date_min) FROM evidence
     WHERE says <> 'held' AND says = 'dropped' AND position_id IS NOT NULL
       AND date_min BETWEEN :from AND :to
     GROUP BY position_id
),
-- The earliest successor first seen in the window, and all of them, by fact.
demands_replaced AS MATERIALIZED (
    SELECT replaces AS id, since, min(since_min), group_concat(id, '; ') AS by
      FROM (SELECT replaces, id, since, since_min FROM demands
             WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
             ORDER BY replaces, id)
     GROUP BY replaces
),
positions_replaced AS MATERIALIZED (
    SELECT replaces AS id, since, min(since_min), group_concat(id, '; ') AS by
      FROM (SELECT replaces, id, since, since_min FROM positions
             WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
             ORDER BY replaces, id)
     GROUP BY replaces
),
facts AS MATERIALIZED (
    SELECT 'demand' AS kind, d.id, d.party_id AS party, d.issue_id AS issue, d.text,
           d.since, d.since_min, d.last_seen, d.until_min,
           a.date AS added, x.date AS dropped, r.since AS replaced, r.by
      FROM demands d
      LEFT JOIN demands_added a ON a.id = d.id
      LEFT JOIN demands_dropped x ON x.id = d.id
      LEFT JOIN demands_replaced r ON r.id = d.id
     WHERE d.since_min <= :to
       AND (d.until_min IS NULL OR d.until_min >= :from)
       AND (:party IS NULL OR d.party_id = :party)
    UNION ALL
    SELECT 'position', p.id, p.party_id, p.issue_id, p.text,
           p.since, p.since_min, p.last_seen, p.until_min,
           a.date, x.date, r.since, r.by
      FROM positions p
      LEFT JOIN positions_added a ON a.id = p.id
      LEFT JOIN positions_dropped x ON x.id = p.id
      LEFT JOIN positions_replaced r ON r.id = p.id
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
