-- negkb schema, version 4: `talks` lists each talk's sides and outcomes
-- without three lookups per talk.

-- Each talk's sides, mediators and outcomes as text, one row per talk.
-- Derived: `negkb seed` writes it from the same facts as `talk_parties` and
-- `outcomes`, which remain the tables to join on.
CREATE TABLE talk_lists (
    talk_id   TEXT PRIMARY KEY REFERENCES talks (id),
    parties   TEXT,  -- party ids at the table, sorted, joined by '; '; NULL if none
    mediators TEXT,  -- mediating party ids, sorted, joined by '; '; NULL if none
    outcomes  TEXT   -- outcome texts in outcome id order, joined by '; '; NULL if none
) STRICT, WITHOUT ROWID;

-- Each talk with its sides, mediators and outcomes.
DROP VIEW talk_summary;
CREATE VIEW talk_summary AS
SELECT t.id,
       t.title,
       t.format,
       t.status,
       t.date,
       t.date_min,
       t.date_max,
       t.venue,
       l.parties,
       l.mediators,
       l.outcomes
  FROM talks t
  LEFT JOIN talk_lists l ON l.talk_id = t.id;

-- Talks in the order `talks` lists them, without a sort.
DROP INDEX talks_date;
CREATE INDEX talks_date ON talks (date_min, date_max, id);
