-- parties: each party with how many facts concern it.
SELECT p.id,
       p.name,
       p.kind,
       (SELECT count(*) FROM demands d WHERE d.party_id = p.id) AS demands_made,
       (SELECT count(*) FROM demands d WHERE d.of_party_id = p.id) AS demands_received,
       (SELECT count(*) FROM positions x WHERE x.party_id = p.id) AS positions,
       (SELECT count(*) FROM talk_parties tp WHERE tp.party_id = p.id) AS talks,
       (SELECT count(*) FROM actors a WHERE a.party_id = p.id) AS actors
  FROM parties p
 ORDER BY p.id;
