-- Undoes 0004: removes the audit's views and indexes, and the ROR status and
-- successors (which the ROR import fills: their data is lost).
DROP INDEX agreements_signed;
DROP INDEX agreements_status_expires;
DROP TABLE institution_successors;
ALTER TABLE institutions DROP COLUMN ror_status;
DROP VIEW institution_dates;
DROP VIEW news_item_dates;
DROP VIEW appointment_dates;
DROP VIEW membership_dates;
DROP VIEW agreement_dates;
