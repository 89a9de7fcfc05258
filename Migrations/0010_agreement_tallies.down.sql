-- Undoes 0010: agreements_kind_status as 0009 made it, and no tallies.
CREATE INDEX agreements_kind_status ON agreements (kind, status) WHERE status <> 'active';
DROP TRIGGER agreements_tally_delete;
DROP TRIGGER agreements_tally_update;
DROP TRIGGER agreements_tally_insert;
DROP TABLE agreement_tallies;
