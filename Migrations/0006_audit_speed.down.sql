-- Undoes 0006: the audit's partial indexes and agreements.party_set.
DROP INDEX agreements_retroactive;
DROP INDEX agreements_end_before_start;
DROP INDEX agreements_party_set;
ALTER TABLE agreements DROP COLUMN party_set;
