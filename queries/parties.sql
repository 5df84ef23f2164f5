-- parties: each party with how many facts concern it.
SELECT p.id,
       p.name,
       p.kind,
       (SELECT count(*) FROM demand_parties d WHERE d.party_id = p.id AND d.role = 'by') AS demands_made,
       (SELECT count(*) FROM demand_parties d WHERE d.party_id = p.id AND d.role = 'of') AS demands_received,
       (SELECT count(*) FROM position_parties x WHERE x.party_id = p.id) AS positions,
       (SELECT count(DISTINCT tp.talk_id) FROM talk_parties tp WHERE tp.party_id = p.id) AS talks,
       (SELECT count(DISTINCT a.actor_id) FROM actor_terms a WHERE a.party_id = p.id) AS actors
  FROM parties p
 ORDER BY p.id;
