-- Undoes 0006: the audit's partial indexes, agreements.party_set, and
-- agreements_status_expires as 0004 made it.
DROP INDEX agreements_retroactive;
DROP INDEX agreements_end_before_start;
DROP INDEX agreements_party_set;
ALTER TABLE agreements DROP COLUMN party_set;
DROP INDEX agreements_status_expires;
CREATE INDEX agreements_status_expires ON agreements (status, expires_on, signed_on);
