-- negkb schema, version 9: the facts of the seed files, each with its quotes,
-- and views answering the common questions without parameters.
--
-- The database is built from seeds/ by `negkb seed`, never migrated from an
-- older schema: this file is the whole schema, and PRAGMA user_version holds
-- its version. A later seed with the same schema, registries and negkb
-- version updates the rows of the articles that changed in place (see
-- seed_files and source_facts); anything else rebuilds the whole file.
--
-- Conventions
--   * Text ids from the seed files are the primary keys.
--   * Every date is stored three times: its EDTF text as written (`date`),
--     and the earliest and latest ISO day it may stand for (`date_min`,
--     `date_max`), so plain SQL can compare dates. An open interval end (`..`)
--     is 0001-01-01 or 9999-12-31.
--   * A date window (`--from`, `--to`) keeps what overlaps it. Most dates are
--     at most a year wide (julianday(date_max) - julianday(date_min) <= 366):
--     those begin at most 366 days before the window, so the queries read the
--     date index from there. The few wider ones (open intervals, spans of
--     years) have partial indexes of their own, `evidence_wide` and
--     `talks_wide`, whose WHERE the queries repeat word for word.
--   * Offsets count Unicode code points, 0-based, end exclusive:
--     substr(sources.text, start_offset + 1, end_offset - start_offset) = quote.
--   * Written for SQLite 3.37 and newer (STRICT tables), so the sqlite3 shell
--     of Debian stable opens it.

-- Articles, verbatim.
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,          -- row number: in slug order after a full seed, articles added later get the next ones
    slug          TEXT NOT NULL UNIQUE          -- file name stem under seeds/articles/
                  CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    title         TEXT NOT NULL,                -- headline
    author        TEXT,                         -- byline, if given
    publisher     TEXT,                         -- outlet, if given
    url           TEXT,                         -- where it was read, if given
    published     TEXT NOT NULL,                -- EDTF day of publication
    published_min TEXT NOT NULL CHECK (published_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- that day, ISO
    published_max TEXT NOT NULL CHECK (published_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- that day, ISO
    text          TEXT NOT NULL,                -- the article, byte for byte
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')  -- of text
) STRICT;

-- The sides of a conflict.
CREATE TABLE parties (
    id   TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),  -- id in parties.toml
    name TEXT NOT NULL,          -- display name
    kind TEXT NOT NULL CHECK (kind IN ('state', 'group', 'organization', 'government', 'coalition'))  -- what kind of party
) STRICT;

-- Other names articles use for a party.
CREATE TABLE party_aliases (
    party_id TEXT NOT NULL REFERENCES parties (id),  -- the party
    alias    TEXT NOT NULL,                          -- another name for it
    PRIMARY KEY (party_id, alias)
) STRICT, WITHOUT ROWID;

-- The parties a coalition or bloc is made of.
CREATE TABLE party_members (
    party_id  TEXT NOT NULL REFERENCES parties (id),  -- the coalition
    member_id TEXT NOT NULL REFERENCES parties (id),  -- one of its members
    PRIMARY KEY (party_id, member_id)
) STRICT, WITHOUT ROWID;

-- People and bodies who speak for parties (see actor_terms for whom and when).
CREATE TABLE actors (
    id   TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),  -- id in parties.toml
    name TEXT NOT NULL           -- display name
) STRICT;

-- Whom an actor spoke for, in which role, and when.
CREATE TABLE actor_terms (
    actor_id  TEXT NOT NULL REFERENCES actors (id),   -- the actor
    party_id  TEXT NOT NULL REFERENCES parties (id),  -- the party spoken for
    role      TEXT,                                   -- office or function
    since     TEXT,                                   -- EDTF: when the term began; NULL if not known
    since_min TEXT CHECK (since_min IS NULL OR since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- its first day
    since_max TEXT CHECK (since_max IS NULL OR since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- its last day
    until     TEXT,                                   -- EDTF: when it ended; NULL if it goes on
    until_min TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- its first day
    until_max TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')   -- its last day
) STRICT;

-- Other names articles use for an actor.
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors (id),  -- the actor
    alias    TEXT NOT NULL,                         -- another name
    PRIMARY KEY (actor_id, alias)
) STRICT, WITHOUT ROWID;

-- What demands, positions and documents are about.
CREATE TABLE issues (
    id          TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),  -- id in issues.toml
    name        TEXT NOT NULL,          -- display name
    description TEXT                    -- what it covers
) STRICT;

-- Words that signal an issue in an article.
CREATE TABLE issue_keywords (
    issue_id TEXT NOT NULL REFERENCES issues (id),  -- the issue
    keyword  TEXT NOT NULL,                         -- a word that signals it
    PRIMARY KEY (issue_id, keyword)
) STRICT, WITHOUT ROWID;

-- Every fact id with its kind: demands, positions, documents, provisions,
-- talks and outcomes share one namespace, so a reference names one fact.
CREATE TABLE facts (
    id   TEXT PRIMARY KEY,  -- the fact's id
    kind TEXT NOT NULL CHECK (kind IN ('demand', 'position', 'document', 'provision', 'talk', 'outcome'))  -- which table holds it
) STRICT, WITHOUT ROWID;

-- What one or more parties require of others. since/last_seen/until are
-- derived from the evidence: since = earliest evidence, last_seen = latest
-- `held` or `added` evidence, until = earliest `dropped` evidence or the day
-- a demand replacing this one is first seen (NULL while in force).
CREATE TABLE demands (
    id            TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*') REFERENCES facts (id),  -- the demand's id in its seed file
    by_parties    TEXT NOT NULL,                         -- who demands: party ids as written, joined by '; ' (see demand_parties)
    by_names      TEXT NOT NULL,                         -- their names, in the same order
    of_parties    TEXT,                                  -- of whom: party ids joined by '; '; NULL when no addressee is named
    of_names      TEXT,                                  -- their names, in the same order
    issue_id      TEXT NOT NULL REFERENCES issues (id),  -- what it is about
    text          TEXT NOT NULL,                         -- the demand in a few words
    replaces      TEXT REFERENCES demands (id),          -- the earlier demand this one supersedes
    due           TEXT,                                  -- EDTF: the deadline set for it, if any
    due_min       TEXT CHECK (due_min IS NULL OR due_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- its first day
    due_max       TEXT CHECK (due_max IS NULL OR due_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- its last day
    since         TEXT NOT NULL,                         -- EDTF: its earliest evidence
    since_min     TEXT NOT NULL CHECK (since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of since
    since_max     TEXT NOT NULL CHECK (since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of since
    last_seen     TEXT,                                  -- EDTF: its latest held or added evidence
    last_seen_min TEXT CHECK (last_seen_min IS NULL OR last_seen_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of last_seen
    last_seen_max TEXT CHECK (last_seen_max IS NULL OR last_seen_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of last_seen
    until         TEXT,                                  -- EDTF: when it ended; NULL while in force
    until_min     TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of until
    until_max     TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')   -- last day of until
) STRICT;

-- The parties of each demand: who makes it (`by`) and of whom (`of`).
CREATE TABLE demand_parties (
    demand_id TEXT NOT NULL REFERENCES demands (id),  -- the demand
    role      TEXT NOT NULL CHECK (role IN ('by', 'of')),  -- making it, or addressed
    party_id  TEXT NOT NULL REFERENCES parties (id),  -- the party
    PRIMARY KEY (demand_id, role, party_id)
) STRICT, WITHOUT ROWID;

-- A party's stance on an issue, a demand or a document; since/last_seen/until
-- as for demands.
CREATE TABLE positions (
    id            TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*') REFERENCES facts (id),  -- the position's id in its seed file
    parties       TEXT NOT NULL,                         -- who holds it: party ids as written, joined by '; ' (see position_parties)
    party_names   TEXT NOT NULL,                         -- their names, in the same order
    issue_id      TEXT NOT NULL REFERENCES issues (id),  -- what it is about
    stance        TEXT NOT NULL                          -- the stance
                  CHECK (stance IN ('supports', 'opposes', 'rejects', 'accepts', 'offers', 'proposes', 'claims', 'doubts', 'warns')),
    text          TEXT NOT NULL,                         -- the position in a few words
    responds_to   TEXT,                                  -- the facts it answers, joined by '; ' (see responses)
    talk_id       TEXT REFERENCES talks (id),            -- the talk it is about
    replaces      TEXT REFERENCES positions (id),        -- the earlier position this one supersedes
    since         TEXT NOT NULL,                         -- EDTF: its earliest evidence
    since_min     TEXT NOT NULL CHECK (since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of since
    since_max     TEXT NOT NULL CHECK (since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of since
    last_seen     TEXT,                                  -- EDTF: its latest held or added evidence
    last_seen_min TEXT CHECK (last_seen_min IS NULL OR last_seen_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of last_seen
    last_seen_max TEXT CHECK (last_seen_max IS NULL OR last_seen_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of last_seen
    until         TEXT,                                  -- EDTF: when it ended; NULL while held
    until_min     TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of until
    until_max     TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')   -- last day of until
) STRICT;

-- The parties holding each position (several for a joint stance).
CREATE TABLE position_parties (
    position_id TEXT NOT NULL REFERENCES positions (id),  -- the position
    party_id    TEXT NOT NULL REFERENCES parties (id),    -- a party holding it
    PRIMARY KEY (position_id, party_id)
) STRICT, WITHOUT ROWID;

-- What demands and positions answer: a demand, position, document or provision.
CREATE TABLE responses (
    fact_id     TEXT NOT NULL REFERENCES facts (id),  -- the demand or position answering
    responds_to TEXT NOT NULL REFERENCES facts (id),  -- the fact it answers
    PRIMARY KEY (fact_id, responds_to)
) STRICT, WITHOUT ROWID;

-- Conditions: a demand that its makers say a talk, document or position
-- depends on ("a prerequisite for any further dialogue").
CREATE TABLE conditions (
    demand_id     TEXT NOT NULL REFERENCES demands (id),  -- the condition
    condition_for TEXT NOT NULL REFERENCES facts (id),    -- the talk, document or position that depends on it
    PRIMARY KEY (demand_id, condition_for)
) STRICT, WITHOUT ROWID;

-- Texts put on the table: proposals, plans, memoranda, declarations,
-- agreements, ceasefires, communiques. since/last_seen/until as for demands;
-- until is the earliest `collapsed` or `withdrawn` evidence or the day a
-- revision replacing it is first seen.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*') REFERENCES facts (id),  -- the document's id in its seed file
    title         TEXT NOT NULL,                -- display title
    kind          TEXT NOT NULL CHECK (kind IN ('proposal', 'plan', 'memorandum', 'declaration', 'agreement', 'ceasefire', 'communique', 'other')),  -- what kind of text
    by_parties    TEXT,                         -- who drafted or tabled it, joined by '; '; NULL when no one is named
    by_names      TEXT,                         -- their names, in the same order
    parties       TEXT,                         -- the sides it would bind or that signed it, joined by '; '
    party_names   TEXT,                         -- their names, in the same order
    issue_id      TEXT REFERENCES issues (id),  -- its main issue
    talk_id       TEXT REFERENCES talks (id),   -- the talk where it was tabled or signed
    responds_to   TEXT REFERENCES documents (id),  -- the document it answers (a counter-proposal)
    replaces      TEXT REFERENCES documents (id),  -- the earlier version it supersedes
    since         TEXT NOT NULL,                -- EDTF: its earliest evidence
    since_min     TEXT NOT NULL CHECK (since_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of since
    since_max     TEXT NOT NULL CHECK (since_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of since
    last_seen     TEXT,                         -- EDTF: its latest evidence that keeps it on the table
    last_seen_min TEXT CHECK (last_seen_min IS NULL OR last_seen_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of last_seen
    last_seen_max TEXT CHECK (last_seen_max IS NULL OR last_seen_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of last_seen
    until         TEXT,                         -- EDTF: when it came off the table; NULL while on it
    until_min     TEXT CHECK (until_min IS NULL OR until_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of until
    until_max     TEXT CHECK (until_max IS NULL OR until_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')   -- last day of until
) STRICT;

-- The parties of each document: who drafted or tabled it (`by`) and whom
-- it would bind or who signed it (`party`).
CREATE TABLE document_parties (
    document_id TEXT NOT NULL REFERENCES documents (id),  -- the document
    role        TEXT NOT NULL CHECK (role IN ('by', 'party')),  -- drafting, or bound
    party_id    TEXT NOT NULL REFERENCES parties (id),    -- the party
    PRIMARY KEY (document_id, role, party_id)
) STRICT, WITHOUT ROWID;

-- What a document contains.
CREATE TABLE provisions (
    id          TEXT PRIMARY KEY REFERENCES facts (id),  -- given, or <document>-provision-<n>
    document_id TEXT NOT NULL REFERENCES documents (id),  -- the document
    text        TEXT NOT NULL,                            -- the provision in a few words
    issue_id    TEXT REFERENCES issues (id),              -- its issue
    demand_id   TEXT REFERENCES demands (id)              -- the demand of a party it carries
) STRICT;

-- Meetings, calls and negotiations, held or proposed. status and the date are
-- those of the latest article (see talk_statuses for the others).
CREATE TABLE talks (
    id       TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*') REFERENCES facts (id),  -- the talk's id in its seed file
    title    TEXT NOT NULL,                    -- display title
    format   TEXT NOT NULL CHECK (format IN ('direct', 'mediated', 'indirect', 'call', 'briefing', 'summit', 'other')),  -- how the sides met
    status   TEXT NOT NULL CHECK (status IN ('held', 'proposed', 'planned', 'postponed', 'cancelled')),  -- held, or not yet (or not at all): as the latest article reports it
    date     TEXT NOT NULL,                    -- EDTF: when it took or takes place
    date_min TEXT NOT NULL CHECK (date_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of date
    date_max TEXT NOT NULL CHECK (date_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of date
    venue    TEXT,                             -- where
    part_of  TEXT REFERENCES talks (id),       -- the process this is a round of
    round    INTEGER CHECK (round IS NULL OR round >= 1)  -- its number in part_of
) STRICT;

-- Each talk's status as each article reported it, from that article's day.
CREATE TABLE talk_statuses (
    talk_id   TEXT NOT NULL REFERENCES talks (id),        -- the talk
    source_id INTEGER NOT NULL REFERENCES sources (id),   -- the article
    status    TEXT NOT NULL CHECK (status IN ('held', 'proposed', 'planned', 'postponed', 'cancelled')),  -- the status that article gives it
    date      TEXT NOT NULL,                              -- EDTF: the date that article gives the talk
    date_min  TEXT NOT NULL CHECK (date_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),       -- its first day
    date_max  TEXT NOT NULL CHECK (date_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),       -- its last day
    PRIMARY KEY (talk_id, source_id)
) STRICT, WITHOUT ROWID;

-- Who took what part in a talk: the sides (`party`), third parties
-- (`mediator`), who hosted it if not a mediator (`host`), who called for it
-- (`proposer`).
CREATE TABLE talk_parties (
    talk_id  TEXT NOT NULL REFERENCES talks (id),    -- the talk
    party_id TEXT NOT NULL REFERENCES parties (id),  -- the party
    role     TEXT NOT NULL CHECK (role IN ('party', 'mediator', 'host', 'proposer')),  -- taking part, mediating, hosting or calling for it
    PRIMARY KEY (talk_id, party_id, role)
) STRICT, WITHOUT ROWID;

-- Actors who took part in a talk.
CREATE TABLE talk_actors (
    talk_id  TEXT NOT NULL REFERENCES talks (id),   -- the talk
    actor_id TEXT NOT NULL REFERENCES actors (id),  -- an actor there
    PRIMARY KEY (talk_id, actor_id)
) STRICT, WITHOUT ROWID;

-- What a talk produced.
CREATE TABLE outcomes (
    id          TEXT PRIMARY KEY REFERENCES facts (id),  -- given, or <talk>-outcome-<n>
    talk_id     TEXT NOT NULL REFERENCES talks (id),     -- the talk
    kind        TEXT NOT NULL CHECK (kind IN ('agreement', 'no-progress', 'statement', 'other')),  -- what came of the talk
    text        TEXT NOT NULL,                           -- the outcome in a few words
    document_id TEXT REFERENCES documents (id)           -- the document it produced or exchanged
) STRICT;

-- The quotes behind every fact: each row supports exactly one demand,
-- position, document, provision, talk or outcome.
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,                      -- row number: each fact's quotes in the order of its articles and of the fact file
    source_id    INTEGER NOT NULL REFERENCES sources (id), -- the article quoted
    demand_id    TEXT REFERENCES demands (id),             -- the demand it supports, or NULL
    position_id  TEXT REFERENCES positions (id),           -- the position it supports, or NULL
    talk_id      TEXT REFERENCES talks (id),               -- the talk it supports, or NULL
    outcome_id   TEXT REFERENCES outcomes (id),            -- the outcome it supports, or NULL
    document_id  TEXT REFERENCES documents (id),           -- the document it supports, or NULL
    provision_id TEXT REFERENCES provisions (id),          -- the provision it supports, or NULL
    quote        TEXT NOT NULL,                -- exact text of the article at the offsets
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),       -- first code point of the quote
    end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),  -- code point after it
    date         TEXT NOT NULL,                -- EDTF: when the quoted text says the fact held
    date_min     TEXT NOT NULL CHECK (date_min GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- first day of date
    date_max     TEXT NOT NULL CHECK (date_max GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),  -- last day of date
    says         TEXT NOT NULL DEFAULT 'held'  -- what the quote says of the fact at the date
                 CHECK (says IN ('held', 'added', 'dropped', 'proposed', 'revised', 'signed', 'in-force', 'suspended', 'collapsed', 'withdrawn')),
    speaker      TEXT REFERENCES actors (id),  -- the actor the text attributes it to
    attribution  TEXT,                         -- whom else the article credits (an unnamed official, a newspaper)
    implied      INTEGER NOT NULL DEFAULT 0 CHECK (implied IN (0, 1)),  -- 1: implied, not stated
    CHECK (date_min <= date_max),
    CHECK ((demand_id IS NOT NULL) + (position_id IS NOT NULL) + (talk_id IS NOT NULL)
         + (outcome_id IS NOT NULL) + (document_id IS NOT NULL) + (provision_id IS NOT NULL) = 1)
) STRICT;

-- Each talk's sides, mediators, host, proposers and outcomes as text, one
-- row per talk. Derived: `negkb seed` writes it from the same facts as
-- `talk_parties` and `outcomes`, which remain the tables to join on.
CREATE TABLE talk_lists (
    talk_id        TEXT PRIMARY KEY REFERENCES talks (id),  -- the talk
    parties        TEXT,  -- party ids at the table, sorted, joined by '; '; NULL if none
    party_names    TEXT,  -- their names, in the same order
    mediators      TEXT,  -- mediating party ids, sorted, joined by '; '; NULL if none
    mediator_names TEXT,  -- their names, in the same order
    host           TEXT,  -- the hosting party's id; NULL if none is named
    host_name      TEXT,  -- its name
    proposed_by    TEXT,  -- ids of the parties that called for it, sorted, joined by '; '; NULL if none
    proposer_names TEXT,  -- their names, in the same order
    outcomes       TEXT   -- outcome texts in outcome id order, joined by '; '; NULL if none
) STRICT, WITHOUT ROWID;

-- What each article's fact file has entries for: every fact id it gives
-- (those of outcomes and provisions included). An incremental seed re-reads
-- every article that shares a fact with one that changed.
CREATE TABLE source_facts (
    fact_id   TEXT NOT NULL REFERENCES facts (id),        -- the fact
    source_id INTEGER NOT NULL REFERENCES sources (id),   -- an article with an entry for it
    PRIMARY KEY (fact_id, source_id)
) STRICT, WITHOUT ROWID;

-- The seed files as they were read, so that a later seed can tell which
-- changed: a file whose size and modification time are as recorded is not
-- read again; one whose digest is as recorded has not changed.
CREATE TABLE seed_files (
    path     TEXT PRIMARY KEY,  -- under the seeds folder: parties.toml, issues.toml, articles/<slug>.txt or .toml
    bytes    INTEGER NOT NULL CHECK (bytes >= 0),  -- its size
    modified INTEGER NOT NULL,  -- its modification time, nanoseconds since 1970-01-01 UTC
    sha256   TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')  -- of its bytes
) STRICT, WITHOUT ROWID;

-- How the database was built: `negkb_version`, the version of negkb that
-- wrote it (a seed by another version rebuilds the whole file).
CREATE TABLE seed_info (
    key   TEXT PRIMARY KEY,  -- what is recorded
    value TEXT NOT NULL      -- its value
) STRICT, WITHOUT ROWID;

CREATE INDEX actor_terms_actor ON actor_terms (actor_id);
CREATE INDEX actor_terms_party ON actor_terms (party_id);
CREATE INDEX demands_by ON demands (by_parties, since_min);
CREATE INDEX demands_issue ON demands (issue_id);
CREATE INDEX demands_replaces ON demands (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX demand_parties_party ON demand_parties (party_id, role);
CREATE INDEX positions_parties ON positions (parties, since_min);
CREATE INDEX positions_issue ON positions (issue_id);
CREATE INDEX positions_replaces ON positions (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX position_parties_party ON position_parties (party_id);
CREATE INDEX responses_target ON responses (responds_to);
CREATE INDEX conditions_for ON conditions (condition_for);
CREATE INDEX document_parties_party ON document_parties (party_id);
CREATE INDEX documents_issue ON documents (issue_id);
CREATE INDEX documents_replaces ON documents (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX provisions_document ON provisions (document_id);
-- Talks in the order `talks` lists them, with every column of `talks` the
-- listing shows: walking it reads no table rows out of order.
CREATE INDEX talks_date ON talks (date_min, date_max, id, title, format, status, date, venue, part_of, round);
-- Talks over more than a year, for the date windows of `talks`.
CREATE INDEX talks_wide ON talks (date_min) WHERE julianday(date_max) - julianday(date_min) > 366;
CREATE INDEX talk_parties_party ON talk_parties (party_id);
-- Outcomes of a talk in id order, as `talks` and `talk_summary` list them.
CREATE INDEX outcomes_talk ON outcomes (talk_id, id);
CREATE INDEX source_facts_source ON source_facts (source_id);
-- References from one fact to another, for the foreign key checks of an
-- incremental seed, which deletes and writes the facts of the articles it
-- re-reads.
CREATE INDEX positions_talk ON positions (talk_id) WHERE talk_id IS NOT NULL;
CREATE INDEX documents_talk ON documents (talk_id) WHERE talk_id IS NOT NULL;
CREATE INDEX documents_responds_to ON documents (responds_to) WHERE responds_to IS NOT NULL;
CREATE INDEX talks_part_of ON talks (part_of) WHERE part_of IS NOT NULL;
CREATE INDEX provisions_demand ON provisions (demand_id) WHERE demand_id IS NOT NULL;
CREATE INDEX outcomes_document ON outcomes (document_id) WHERE document_id IS NOT NULL;
CREATE INDEX talk_statuses_source ON talk_statuses (source_id);
CREATE INDEX evidence_source ON evidence (source_id);
CREATE INDEX evidence_demand ON evidence (demand_id) WHERE demand_id IS NOT NULL;
CREATE INDEX evidence_position ON evidence (position_id) WHERE position_id IS NOT NULL;
CREATE INDEX evidence_talk ON evidence (talk_id) WHERE talk_id IS NOT NULL;
CREATE INDEX evidence_outcome ON evidence (outcome_id) WHERE outcome_id IS NOT NULL;
CREATE INDEX evidence_document ON evidence (document_id) WHERE document_id IS NOT NULL;
CREATE INDEX evidence_provision ON evidence (provision_id) WHERE provision_id IS NOT NULL;
CREATE INDEX evidence_date ON evidence (date_min);
-- Quotes dated over more than a year, for the date windows of `timeline`.
CREATE INDEX evidence_wide ON evidence (date_min) WHERE julianday(date_max) - julianday(date_min) > 366;
-- The few quotes that mark a fact as added or dropped, by day: `changes`
-- reads these instead of every quote.
CREATE INDEX evidence_changes ON evidence (says, date_min) WHERE says <> 'held';

-- Views, for the sqlite3 shell and Datasette. Lists are joined with '; ' in
-- id order.

-- Each demand with its lifespan, conditions and how many sources back it.
-- ended: NULL while in force, else 'dropped' or 'replaced' (see replaced_by).
CREATE VIEW demand_status AS
SELECT d.id,
       d.by_parties AS by,
       d.of_parties AS "of",
       d.issue_id,
       d.text,
       d.due,
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
       (SELECT group_concat(condition_for, '; ')
          FROM (SELECT c.condition_for FROM conditions c WHERE c.demand_id = d.id ORDER BY 1)) AS condition_for,
       (SELECT group_concat(responds_to, '; ')
          FROM (SELECT r.responds_to FROM responses r WHERE r.fact_id = d.id ORDER BY 1)) AS responds_to,
       (SELECT count(DISTINCT e.source_id) FROM evidence e WHERE e.demand_id = d.id) AS sources,
       (SELECT count(*) FROM evidence e WHERE e.demand_id = d.id) AS quotes
  FROM demands d;

-- Each position with its lifespan and how many sources back it.
CREATE VIEW position_status AS
SELECT p.id,
       p.parties AS party,
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

-- Each talk with its sides, mediators, host, proposers and outcomes.
CREATE VIEW talk_summary AS
SELECT t.id,
       t.title,
       t.format,
       t.status,
       t.date,
       t.date_min,
       t.date_max,
       t.venue,
       t.part_of,
       t.round,
       l.parties,
       l.party_names,
       l.mediators,
       l.mediator_names,
       l.host,
       l.host_name,
       l.proposed_by,
       l.proposer_names,
       l.outcomes
  FROM talks t
  LEFT JOIN talk_lists l ON l.talk_id = t.id;

-- Each talk's status as each article reported it, oldest article first.
CREATE VIEW talk_status_history AS
SELECT t.id AS talk_id,
       t.title,
       s.published,
       st.status,
       st.date,
       s.slug AS source
  FROM talk_statuses st
  JOIN talks t ON t.id = st.talk_id
  JOIN sources s ON s.id = st.source_id
 ORDER BY t.id, s.published_min, s.slug;

-- Each document with its status today: the `says` of its latest evidence
-- dated on or before today (collapsed and withdrawn take it off the table).
CREATE VIEW document_status AS
SELECT d.id,
       d.title,
       d.kind,
       d.by_parties AS by,
       d.parties,
       d.issue_id,
       (SELECT e.says FROM evidence e
         WHERE e.document_id = d.id AND e.date_min <= date('now')
         ORDER BY e.date_max DESC, e.date_min DESC, e.id DESC LIMIT 1) AS status,
       d.since,
       d.last_seen,
       d.until,
       d.responds_to,
       d.replaces,
       (SELECT group_concat(id, '; ')
          FROM (SELECT r.id FROM documents r WHERE r.replaces = d.id ORDER BY r.id)) AS replaced_by,
       (SELECT count(*) FROM provisions p WHERE p.document_id = d.id) AS provisions
  FROM documents d;

-- Where the sides are apart: each demand, document or provision with the
-- positions that reject or oppose it. For a document or provision, `by` is
-- who tabled it and `of` whom it would bind.
CREATE VIEW divides AS
SELECT coalesce(d.issue_id, pr.issue_id, doc.issue_id) AS issue,
       r.responds_to AS demand,
       coalesce(d.by_parties, doc.by_parties, pdoc.by_parties) AS by,
       coalesce(d.by_names, doc.by_names, pdoc.by_names) AS by_name,
       coalesce(d.of_parties, doc.parties, pdoc.parties) AS "of",
       coalesce(d.of_names, doc.party_names, pdoc.party_names) AS of_name,
       coalesce(d.text, pr.text, doc.title) AS demand_text,
       p.id AS response,
       p.parties AS response_party,
       p.party_names AS response_party_name,
       p.stance,
       p.text AS response_text
  FROM positions p
  JOIN responses r ON r.fact_id = p.id
  LEFT JOIN demands d ON d.id = r.responds_to
  LEFT JOIN documents doc ON doc.id = r.responds_to
  LEFT JOIN provisions pr ON pr.id = r.responds_to
  LEFT JOIN documents pdoc ON pdoc.id = pr.document_id
 WHERE p.stance IN ('rejects', 'opposes')
   AND (d.id IS NOT NULL OR doc.id IS NOT NULL OR pr.id IS NOT NULL);

-- Every piece of evidence with the kind and id of the fact it supports.
CREATE VIEW evidence_facts AS
SELECT e.*,
       CASE
           WHEN e.demand_id IS NOT NULL THEN 'demand'
           WHEN e.position_id IS NOT NULL THEN 'position'
           WHEN e.talk_id IS NOT NULL THEN 'talk'
           WHEN e.outcome_id IS NOT NULL THEN 'outcome'
           WHEN e.document_id IS NOT NULL THEN 'document'
           ELSE 'provision'
       END AS kind,
       coalesce(e.demand_id, e.position_id, e.talk_id, e.outcome_id, e.document_id, e.provision_id) AS fact_id
  FROM evidence e;

-- Every piece of evidence with the fact it supports, oldest first; quotes of
-- the same days by fact id, then in their fact's order (`evidence_id`).
CREATE VIEW timeline AS
SELECT e.date,
       e.date_min,
       e.date_max,
       coalesce(d.by_parties, p.parties, doc.by_parties) AS party,
       coalesce(d.by_names, p.party_names, doc.by_names) AS party_name,
       e.kind,
       e.fact_id AS id,
       e.says,
       e.speaker,
       e.quote,
       s.slug AS source,
       e.id AS evidence_id
  FROM evidence_facts e
  JOIN sources s ON s.id = e.source_id
  LEFT JOIN demands d ON d.id = e.demand_id
  LEFT JOIN positions p ON p.id = e.position_id
  LEFT JOIN documents doc ON doc.id = e.document_id
 ORDER BY e.date_min, e.date_max, e.fact_id, e.id;
