-- changes: how demands, positions and documents changed between two dates.
--
-- Parameters (ISO days; unset = NULL):
--   :from          first day of the window (first day of --from)
--   :from_end      last day of the --from period (e.g. 2022-12-31 for --from 2022)
--   :to            last day of the window (last day of --to)
--   :party         only facts this party makes, holds or tabled (alone or
--                  jointly), or NULL or blank for all
--   :stale_before  an `unchanged` fact last seen before this day is stale
--                  (the window's end less --stale-after months)
-- In sqlite3:  .param set :from "'2022-01-01'"
--              .param set :from_end "'2022-12-31'"
--              .param set :to "'2026-12-31'"
--              .param set :stale_before "'2025-12-31'"
--              .read queries/changes.sql
--
-- One row per change in the window, or one `unchanged` row:
--   added      first seen after the --from period, or evidence says `added` in the window
--              (a document: first proposed in the window)
--   dropped    evidence says `dropped` in the window, its earliest such date (a
--              document: `collapsed` or `withdrawn`)
--   replaced   facts naming it in `replaces` were first seen in the window (`by`;
--              a document: its revision)
--   unchanged  seen during the --from period, not dropped or replaced by the window's end
-- Facts first seen after the window, or ended before it, are left out.
-- stale is 1 for an `unchanged` fact whose last_seen ends before
-- :stale_before: nobody has repeated it for a long time. party lists ids
-- joined by '; '; party_name (stored beside it) and issue_name give the
-- names (terminal tables show them instead of the ids). Sorted by party, kind (demand, document, position), date,
-- id and change.
--
-- The marks and replacements in the window are gathered first (few rows,
-- through the evidence_changes and *_replaces indexes), then joined to the
-- facts in one scan of each fact table; each fact is paired with the four
-- kinds of change and keeps the rows whose condition holds. SQLite runs the
-- pairing inside each arm of `facts`, which it does not materialize. Each
-- arm reads its facts from the party index when :party is set (the first arm
-- of its UNION ALL), else by a scan: NOT INDEXED keeps the planner from
-- walking an index of parties to save part of the sort, which would read the
-- table in random order (bench/NOTES.md).
WITH
-- The earliest evidence of each kind of mark in the window, by fact. `says IN`
-- lets SQLite walk evidence_changes once per kind, and the CAST gives `id`
-- text affinity, so the join to the facts can use an index on it.
marks AS MATERIALIZED (
    SELECT CASE WHEN demand_id IS NOT NULL THEN 0 WHEN position_id IS NOT NULL THEN 1 ELSE 2 END AS of_kind,
           CAST(coalesce(demand_id, position_id, document_id) AS TEXT) AS id,
           CASE WHEN says IN ('collapsed', 'withdrawn') THEN 'dropped' ELSE says END AS says,
           date, min(date_min)
      FROM evidence
     WHERE says <> 'held' AND says IN ('added', 'dropped', 'collapsed', 'withdrawn')
       AND date_min BETWEEN :from AND :to
       AND (demand_id IS NOT NULL OR position_id IS NOT NULL OR document_id IS NOT NULL)
     GROUP BY 1, 2, 3
),
-- The earliest successor first seen in the window, and all of them, by fact.
replacements AS MATERIALIZED (
    SELECT of_kind, replaces AS id, since, min(since_min), group_concat(id, '; ') AS by
      FROM (SELECT 0 AS of_kind, replaces, id, since, since_min FROM demands
             WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
            UNION ALL
            SELECT 1, replaces, id, since, since_min FROM positions
             WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
            UNION ALL
            SELECT 2, replaces, id, since, since_min FROM documents
             WHERE replaces IS NOT NULL AND since_min BETWEEN :from AND :to
             ORDER BY 1, 2, 3)
     GROUP BY 1, 2
),
-- The facts alive in the window, with their marks and replacements.
facts AS (
    SELECT 'demand' AS kind, d.id, d.by_parties AS party, d.by_names AS party_name, d.issue_id AS issue, d.text,
           d.since, d.since_min, d.last_seen, d.last_seen_max, d.until_min,
           a.date AS added, x.date AS dropped, r.since AS replaced, r.by
      FROM (SELECT d.* FROM demand_parties dp CROSS JOIN demands d ON d.id = dp.demand_id
             WHERE coalesce(:party, '') <> '' AND dp.party_id = :party AND dp.role = 'by'
            UNION ALL
            SELECT * FROM demands NOT INDEXED WHERE coalesce(:party, '') = '') d
      LEFT JOIN marks a ON a.of_kind = 0 AND a.id = d.id AND a.says = 'added'
      LEFT JOIN marks x ON x.of_kind = 0 AND x.id = d.id AND x.says = 'dropped'
      LEFT JOIN replacements r ON r.of_kind = 0 AND r.id = d.id
     WHERE d.since_min <= :to
       AND (d.until_min IS NULL OR d.until_min >= :from)
    UNION ALL
    SELECT 'position', p.id, p.parties, p.party_names, p.issue_id, p.text,
           p.since, p.since_min, p.last_seen, p.last_seen_max, p.until_min,
           a.date, x.date, r.since, r.by
      FROM (SELECT p.* FROM position_parties pp CROSS JOIN positions p ON p.id = pp.position_id
             WHERE coalesce(:party, '') <> '' AND pp.party_id = :party
            UNION ALL
            SELECT * FROM positions NOT INDEXED WHERE coalesce(:party, '') = '') p
      LEFT JOIN marks a ON a.of_kind = 1 AND a.id = p.id AND a.says = 'added'
      LEFT JOIN marks x ON x.of_kind = 1 AND x.id = p.id AND x.says = 'dropped'
      LEFT JOIN replacements r ON r.of_kind = 1 AND r.id = p.id
     WHERE p.since_min <= :to
       AND (p.until_min IS NULL OR p.until_min >= :from)
    UNION ALL
    SELECT 'document', o.id, o.by_parties, o.by_names, o.issue_id, o.title,
           o.since, o.since_min, o.last_seen, o.last_seen_max, o.until_min,
           NULL, x.date, r.since, r.by
      FROM (SELECT o.* FROM document_parties op CROSS JOIN documents o ON o.id = op.document_id
             WHERE coalesce(:party, '') <> '' AND op.party_id = :party AND op.role = 'by'
            UNION ALL
            SELECT * FROM documents NOT INDEXED WHERE coalesce(:party, '') = '') o
      LEFT JOIN marks x ON x.of_kind = 2 AND x.id = o.id AND x.says = 'dropped'
      LEFT JOIN replacements r ON r.of_kind = 2 AND r.id = o.id
     WHERE o.since_min <= :to
       AND (o.until_min IS NULL OR o.until_min >= :from)
),
-- The four kinds of change, to pair with each fact.
kinds (change) AS (VALUES ('added'), ('dropped'), ('replaced'), ('unchanged'))
SELECT f.party, f.party_name,
       f.kind, f.id,
       f.issue, (SELECT name FROM issues WHERE id = f.issue) AS issue_name,
       f.text, k.change,
       CASE k.change WHEN 'added' THEN coalesce(f.added, f.since) WHEN 'dropped' THEN f.dropped
                     WHEN 'replaced' THEN f.replaced ELSE f.since END AS date,
       CASE k.change WHEN 'replaced' THEN f.by END AS by, f.last_seen,
       CASE WHEN k.change = 'unchanged' AND coalesce(f.last_seen_max, '') < :stale_before
            THEN 1 ELSE 0 END AS stale
  FROM facts f
 CROSS JOIN kinds k
 WHERE CASE k.change
         WHEN 'added' THEN f.since_min > :from_end OR f.added IS NOT NULL
         WHEN 'dropped' THEN f.dropped IS NOT NULL
         WHEN 'replaced' THEN f.replaced IS NOT NULL
         ELSE f.since_min <= :from_end AND f.added IS NULL AND f.dropped IS NULL AND f.replaced IS NULL
              AND (f.until_min IS NULL OR f.until_min > :to)
       END
 ORDER BY 1, 3, 9, 4, 8;
