-- negkb schema, version 2: views answering the common questions without
-- parameters, for the sqlite3 shell. Lists are joined with '; ' in id order.

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
       (SELECT group_concat(party_id, '; ')
          FROM (SELECT tp.party_id FROM talk_parties tp
                 WHERE tp.talk_id = t.id AND tp.role = 'party' ORDER BY tp.party_id)) AS parties,
       (SELECT group_concat(party_id, '; ')
          FROM (SELECT tp.party_id FROM talk_parties tp
                 WHERE tp.talk_id = t.id AND tp.role = 'mediator' ORDER BY tp.party_id)) AS mediators,
       (SELECT group_concat(text, '; ')
          FROM (SELECT o.text FROM outcomes o WHERE o.talk_id = t.id ORDER BY o.id)) AS outcomes
  FROM talks t;

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
