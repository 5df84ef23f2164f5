-- negkb schema, version 3: indexes that let the canned queries read less.

-- The few quotes that mark a fact as added or dropped, by day: `changes`
-- reads these instead of every quote.
CREATE INDEX evidence_changes ON evidence (says, date_min) WHERE says <> 'held';

-- Outcomes of a talk in id order, as `talks` and `talk_summary` list them.
DROP INDEX outcomes_talk;
CREATE INDEX outcomes_talk ON outcomes (talk_id, id);
