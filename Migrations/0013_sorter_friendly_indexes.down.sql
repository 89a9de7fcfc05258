-- Undoes 0013: the two indexes as 0006 and 0007 made them.
DROP INDEX agreements_party_set;
CREATE INDEX agreements_party_set ON agreements (kind, party_set) WHERE status = 'active';

DROP INDEX agreements_active_expiry;
CREATE INDEX agreements_active_expiry ON agreements (expires_on, signed_on, id, key, title, status)
WHERE status = 'active';
