-- issues: each issue with how many demands and positions concern it.
SELECT i.id,
       i.name,
       i.description,
       (SELECT count(*) FROM demands d WHERE d.issue_id = i.id) AS demands,
       (SELECT count(*) FROM positions p WHERE p.issue_id = i.id) AS positions
  FROM issues i
 ORDER BY i.id;
