-- negkb schema, version 5: the facts of the seed files, each with its quotes,
-- and views answering the common questions without parameters.
--
-- The database is always built whole from seeds/ by `negkb seed`, never
-- migrated in place: this file is the whole schema, and PRAGMA user_version
-- holds its version.
--
-- Conventions
--   * Text ids from the seed files are the primary keys.
--   * Every date is stored three times: its EDTF text as written (`date`),
--     and the earliest and latest ISO day it may stand for (`date_min`,
--     `date_max`), so plain SQL can compare dates. An open interval end (`..`)
--     is 0001-01-01 or 9999-12-31.
--   * Offsets count Unicode code points, 0-based, end exclusive:
--     substr(sources.text, start_offset + 1, end_offset - start_offset) = quote.
--   * Written for SQLite 3.37 and newer (STRICT tables), so the sqlite3 shell
--     of Debian stable opens it.

-- Articles, verbatim.
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,          -- row number, in slug order
    slug          TEXT NOT NULL UNIQUE          -- file name stem under seeds/articles/
                  CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    title         TEXT NOT NULL,
    author        TEXT,
    publisher     TEXT,
    url           TEXT,
    published     TEXT NOT NULL,                -- EDTF day of publication
    published_min TEXT NOT NULL CHECK (published_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    published_max TEXT NOT NULL CHECK (published_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    text          TEXT NOT NULL,                -- the article, byte for byte
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')
) STRICT;

-- The sides of a conflict.
CREATE TABLE parties (
    id   TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('state', 'group', 'organization', 'government'))
) STRICT;

-- Other names articles use for a party.
CREATE TABLE party_aliases (
    party_id TEXT NOT NULL REFERENCES parties (id),
    alias    TEXT NOT NULL,
    PRIMARY KEY (party_id, alias)
) STRICT, WITHOUT ROWID;

-- People and bodies who speak for a party, and when they did.
CREATE TABLE actors (
    id        TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name      TEXT NOT NULL,
    party_id  TEXT NOT NULL REFERENCES parties (id),
    role      TEXT,                             -- office or function
    since     TEXT,                             -- EDTF: when the actor began to speak for the party
    since_min TEXT CHECK (since_min IS NULL OR since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    since_max TEXT CHECK (since_max IS NULL OR since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until     TEXT,                             -- EDTF: when the actor stopped
    until_min TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until_max TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;

-- Other names articles use for an actor.
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors (id),
    alias    TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
) STRICT, WITHOUT ROWID;

-- What demands and positions are about.
CREATE TABLE issues (
    id          TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL,
    description TEXT
) STRICT;

-- Words that signal an issue in an article.
CREATE TABLE issue_keywords (
    issue_id TEXT NOT NULL REFERENCES issues (id),
    keyword  TEXT NOT NULL,
    PRIMARY KEY (issue_id, keyword)
) STRICT, WITHOUT ROWID;

-- What one party requires of another. since/last_seen/until are derived
-- from the evidence: since = earliest evidence, last_seen = latest `held` or
-- `added` evidence, until = earliest `dropped` evidence or the day a demand
-- replacing this one is first seen (NULL while in force).
CREATE TABLE demands (
    id            TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    party_id      TEXT NOT NULL REFERENCES parties (id),   -- who demands
    of_party_id   TEXT NOT NULL REFERENCES parties (id),   -- of whom
    issue_id      TEXT NOT NULL REFERENCES issues (id),
    text          TEXT NOT NULL,
    replaces      TEXT REFERENCES demands (id),            -- the earlier demand this one supersedes
    since         TEXT NOT NULL,
    since_min     TEXT NOT NULL CHECK (since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    since_max     TEXT NOT NULL CHECK (since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    last_seen     TEXT,
    last_seen_min TEXT CHECK (last_seen_min IS NULL OR last_seen_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    last_seen_max TEXT CHECK (last_seen_max IS NULL OR last_seen_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until         TEXT,
    until_min     TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until_max     TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;

-- A party's stance on an issue; since/last_seen/until as for demands.
CREATE TABLE positions (
    id            TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    party_id      TEXT NOT NULL REFERENCES parties (id),
    issue_id      TEXT NOT NULL REFERENCES issues (id),
    stance        TEXT NOT NULL
                  CHECK (stance IN ('supports', 'opposes', 'rejects', 'accepts', 'offers', 'proposes', 'claims')),
    text          TEXT NOT NULL,
    responds_to   TEXT REFERENCES demands (id),            -- the demand this position answers
    talk_id       TEXT REFERENCES talks (id),              -- the talk it is about
    replaces      TEXT REFERENCES positions (id),          -- the earlier position this one supersedes
    since         TEXT NOT NULL,
    since_min     TEXT NOT NULL CHECK (since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    since_max     TEXT NOT NULL CHECK (since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    last_seen     TEXT,
    last_seen_min TEXT CHECK (last_seen_min IS NULL OR last_seen_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    last_seen_max TEXT CHECK (last_seen_max IS NULL OR last_seen_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until         TEXT,
    until_min     TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    until_max     TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
) STRICT;

-- Meetings, calls and negotiations, held or proposed.
CREATE TABLE talks (
    id       TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title    TEXT NOT NULL,
    format   TEXT NOT NULL CHECK (format IN ('direct', 'mediated', 'call', 'briefing', 'summit', 'other')),
    status   TEXT NOT NULL CHECK (status IN ('held', 'proposed', 'planned', 'cancelled')),
    date     TEXT NOT NULL,
    date_min TEXT NOT NULL CHECK (date_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    date_max TEXT NOT NULL CHECK (date_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    venue    TEXT
) STRICT;

-- Who sat at a talk: the sides (`party`) and third parties (`mediator`).
CREATE TABLE talk_parties (
    talk_id  TEXT NOT NULL REFERENCES talks (id),
    party_id TEXT NOT NULL REFERENCES parties (id),
    role     TEXT NOT NULL CHECK (role IN ('party', 'mediator')),
    PRIMARY KEY (talk_id, party_id)
) STRICT, WITHOUT ROWID;

-- Actors who took part in a talk.
CREATE TABLE talk_actors (
    talk_id  TEXT NOT NULL REFERENCES talks (id),
    actor_id TEXT NOT NULL REFERENCES actors (id),
    PRIMARY KEY (talk_id, actor_id)
) STRICT, WITHOUT ROWID;

-- What a talk produced.
CREATE TABLE outcomes (
    id      TEXT PRIMARY KEY,
    talk_id TEXT NOT NULL REFERENCES talks (id),
    kind    TEXT NOT NULL CHECK (kind IN ('agreement', 'no-progress', 'statement', 'other')),
    text    TEXT NOT NULL
) STRICT;

-- The quotes behind every fact: each row supports exactly one demand,
-- position, talk or outcome.
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    demand_id    TEXT REFERENCES demands (id),
    position_id  TEXT REFERENCES positions (id),
    talk_id      TEXT REFERENCES talks (id),
    outcome_id   TEXT REFERENCES outcomes (id),
    quote        TEXT NOT NULL,                -- exact text of the article at the offsets
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
    date         TEXT NOT NULL,                -- EDTF: when the quoted text says the fact held
    date_min     TEXT NOT NULL CHECK (date_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    date_max     TEXT NOT NULL CHECK (date_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    says         TEXT NOT NULL DEFAULT 'held' CHECK (says IN ('held', 'added', 'dropped')),
    speaker      TEXT REFERENCES actors (id),  -- the actor the text attributes it to
    implied      INTEGER NOT NULL DEFAULT 0 CHECK (implied IN (0, 1)),  -- 1: implied, not stated
    CHECK (date_min <= date_max),
    CHECK ((demand_id IS NOT NULL) + (position_id IS NOT NULL)
         + (talk_id IS NOT NULL) + (outcome_id IS NOT NULL) = 1)
) STRICT;

-- Each talk's sides, mediators and outcomes as text, one row per talk.
-- Derived: `negkb seed` writes it from the same facts as `talk_parties` and
-- `outcomes`, which remain the tables to join on.
CREATE TABLE talk_lists (
    talk_id   TEXT PRIMARY KEY REFERENCES talks (id),
    parties   TEXT,  -- party ids at the table, sorted, joined by '; '; NULL if none
    mediators TEXT,  -- mediating party ids, sorted, joined by '; '; NULL if none
    outcomes  TEXT   -- outcome texts in outcome id order, joined by '; '; NULL if none
) STRICT, WITHOUT ROWID;

CREATE INDEX actors_party ON actors (party_id);
CREATE INDEX demands_party ON demands (party_id, since_min);
CREATE INDEX demands_of_party ON demands (of_party_id);
CREATE INDEX demands_issue ON demands (issue_id);
CREATE INDEX demands_replaces ON demands (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX positions_party ON positions (party_id, since_min);
CREATE INDEX positions_issue ON positions (issue_id);
CREATE INDEX positions_responds_to ON positions (responds_to) WHERE responds_to IS NOT NULL;
CREATE INDEX positions_replaces ON positions (replaces) WHERE replaces IS NOT NULL;
-- Talks in the order `talks` lists them, with every column of `talks` the
-- listing shows: walking it reads no table rows out of order.
CREATE INDEX talks_date ON talks (date_min, date_max, id, title, format, status, date, venue);
CREATE INDEX talk_parties_party ON talk_parties (party_id);
-- Outcomes of a talk in id order, as `talks` and `talk_summary` list them.
CREATE INDEX outcomes_talk ON outcomes (talk_id, id);
CREATE INDEX evidence_demand ON evidence (demand_id) WHERE demand_id IS NOT NULL;
CREATE INDEX evidence_position ON evidence (position_id) WHERE position_id IS NOT NULL;
CREATE INDEX evidence_talk ON evidence (talk_id) WHERE talk_id IS NOT NULL;
CREATE INDEX evidence_outcome ON evidence (outcome_id) WHERE outcome_id IS NOT NULL;
CREATE INDEX evidence_date ON evidence (date_min);
-- The few quotes that mark a fact as added or dropped, by day: `changes`
-- reads these instead of every quote.
CREATE INDEX evidence_changes ON evidence (says, date_min) WHERE says <> 'held';

-- Views, for the sqlite3 shell and Datasette. Lists are joined with '; ' in
-- id order.

-- Each demand with its lifespan and how many sources back it.
-- ended: NULL while in force, else 'dropped' or 'replaced' (see replaced_by).
CREATE VIEW demand_status AS
SELECT d.id,
       d.party_id,
       d.of_party_id,
       d.issue_id,
       d.text,
       d.since,
       d.last_seen,
       d.until,
       CASE
           WHEN d.until IS NULL THEN NULL
           WHEN EXISTS (SELECT 1 FROM demands r WHERE r.replaces = d.id AND r.since_min = d.until_min)
               THEN 'replaced'
           ELSE 'dropped'
       END AS ended,
       (SELECT group_concat(id, '; ')
          FROM (SELECT r.id FROM demands r WHERE r.replaces = d.id ORDER BY r.id)) AS replaced_by,
       (SELECT count(DISTINCT e.source_id) FROM evidence e WHERE e.demand_id = d.id) AS sources,
       (SELECT count(*) FROM evidence e WHERE e.demand_id = d.id) AS quotes
  FROM demands d;

-- Each position with its lifespan and how many sources back it.
CREATE VIEW position_status AS
SELECT p.id,
       p.party_id,
       p.issue_id,
       p.stance,
       p.text,
       p.responds_to,
       p.talk_id,
       p.since,
       p.last_seen,
       p.until,
       CASE
           WHEN p.until IS NULL THEN NULL
           WHEN EXISTS (SELECT 1 FROM positions r WHERE r.replaces = p.id AND r.since_min = p.until_min)
               THEN 'replaced'
           ELSE 'dropped'
       END AS ended,
       (SELECT group_concat(id, '; ')
          FROM (SELECT r.id FROM positions r WHERE r.replaces = p.id ORDER BY r.id)) AS replaced_by,
       (SELECT count(DISTINCT e.source_id) FROM evidence e WHERE e.position_id = p.id) AS sources,
       (SELECT count(*) FROM evidence e WHERE e.position_id = p.id) AS quotes
  FROM positions p;

-- Each talk with its sides, mediators and outcomes.
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

-- Where the sides are apart: each demand with the positions that reject or
-- oppose it.
CREATE VIEW divides AS
SELECT d.issue_id AS issue,
       d.id AS demand,
       d.party_id AS by,
       d.of_party_id AS "of",
       d.text AS demand_text,
       p.id AS response,
       p.party_id AS response_party,
       p.stance,
       p.text AS response_text
  FROM demands d
  JOIN positions p ON p.responds_to = d.id
 WHERE p.stance IN ('rejects', 'opposes');

-- Every piece of evidence with the kind and id of the fact it supports.
CREATE VIEW evidence_facts AS
SELECT e.*,
       CASE
           WHEN e.demand_id IS NOT NULL THEN 'demand'
           WHEN e.position_id IS NOT NULL THEN 'position'
           WHEN e.talk_id IS NOT NULL THEN 'talk'
           ELSE 'outcome'
       END AS kind,
       coalesce(e.demand_id, e.position_id, e.talk_id, e.outcome_id) AS fact_id
  FROM evidence e;

-- Every piece of evidence with the fact it supports, oldest first.
CREATE VIEW timeline AS
SELECT e.date,
       e.date_min,
       e.date_max,
       coalesce(d.party_id, p.party_id) AS party,
       e.kind,
       e.fact_id AS id,
       e.says,
       e.speaker,
       e.quote,
       s.slug AS source
  FROM evidence_facts e
  JOIN sources s ON s.id = e.source_id
  LEFT JOIN demands d ON d.id = e.demand_id
  LEFT JOIN positions p ON p.id = e.position_id
 ORDER BY e.date_min, e.date_max, e.id;
