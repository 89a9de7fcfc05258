-- Undoes 0007: agreement_search with its size table again, and the audit
-- indexes as 0006 left them.
DROP INDEX agreements_active_expiry;
CREATE INDEX agreements_status_expires ON agreements (status, expires_on, signed_on, id, key, title);
CREATE INDEX agreements_signed ON agreements (signed_on);
DROP TABLE agreement_search;
CREATE VIRTUAL TABLE agreement_search USING fts5 (
    title, notes,
    content = 'agreements', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO agreement_search (agreement_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO agreement_search (agreement_search) VALUES ('rebuild');
