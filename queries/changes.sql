-- changes: how demands and positions changed between two dates.
--
-- Parameters (ISO days; unset = NULL):
--   :from      first day of the window (first day of --from)
--   :from_end  last day of the --from period (e.g. 2022-12-31 for --from 2022)
--   :to        last day of the window (last day of --to)
--   :party     only this party's facts, or NULL for all
-- In sqlite3:  .param set :from 2022-01-01
--              .param set :from_end 2022-12-31
--              .param set :to 2026-12-31
--              .read queries/changes.sql
--
-- One row per change in the window, or one `unchanged` row:
--   added      first seen after the --from period, or evidence says `added` in the window
--   dropped    evidence says `dropped` in the window
--   replaced   a fact naming it in `replaces` was first seen in the window (`by`)
--   unchanged  held at the start of the window, not dropped or replaced by its end
-- Facts first seen after the window, or ended before it, are left out.
WITH facts AS (
    SELECT 'demand' AS kind, id, party_id AS party, issue_id AS issue, text, since, since_min,
           last_seen, until, until_min
      FROM demands
    UNION ALL
    SELECT 'position', id, party_id, issue_id, text, since, since_min,
           last_seen, until, until_min
      FROM positions
),
in_window AS (
    SELECT *
      FROM facts
     WHERE since_min <= :to
       AND (until_min IS NULL OR until_min >= :from)
       AND (:party IS NULL OR party = :party)
),
said AS (
    SELECT CASE WHEN demand_id IS NOT NULL THEN 'demand' ELSE 'position' END AS kind,
           coalesce(demand_id, position_id) AS id, says, date, date_min
      FROM evidence
     WHERE (demand_id IS NOT NULL OR position_id IS NOT NULL)
       AND says IN ('added', 'dropped')
       AND date_min BETWEEN :from AND :to
),
replacements AS (
    SELECT 'demand' AS kind, replaces AS id, id AS by, since, since_min
      FROM demands WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
    UNION ALL
    SELECT 'position', replaces, id, since, since_min
      FROM positions WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
),
changes AS (
    -- added: the first `added` evidence in the window, else the first sighting
    SELECT f.kind, f.id, 'added' AS change,
           coalesce(a.date, f.since) AS date, coalesce(a.date_min, f.since_min) AS date_min, NULL AS by
      FROM in_window f
      LEFT JOIN (SELECT kind, id, date, min(date_min) AS date_min
                   FROM said WHERE says = 'added' GROUP BY kind, id) a
             ON a.kind = f.kind AND a.id = f.id
     WHERE f.since_min > :from_end OR a.id IS NOT NULL
    UNION ALL
    SELECT s.kind, s.id, 'dropped', s.date, s.date_min, NULL
      FROM said s JOIN in_window f ON f.kind = s.kind AND f.id = s.id
     WHERE s.says = 'dropped'
    UNION ALL
    SELECT r.kind, r.id, 'replaced', r.since, r.since_min, r.by
      FROM replacements r JOIN in_window f ON f.kind = r.kind AND f.id = r.id
)
SELECT f.party, f.kind, f.id, f.issue, f.text, c.change, c.date, c.by, f.last_seen
  FROM in_window f
  JOIN changes c ON c.kind = f.kind AND c.id = f.id
UNION ALL
SELECT f.party, f.kind, f.id, f.issue, f.text, 'unchanged', f.since, NULL, f.last_seen
  FROM in_window f
 WHERE f.since_min <= :from_end
   AND (f.until_min IS NULL OR f.until_min > :to)
   AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.kind = f.kind AND c.id = f.id)
 ORDER BY 1, 2, 7, 3;
