-- 0004: what `partnerships audit` needs.
--
-- 1. The day ranges of partial dates, once. A date known to the year
--    ('2024') or the month ('2024-02') covers a range of days; every audit
--    rule compares these ranges, never the raw text. The *_first column is the
--    first day the date can mean, *_last the last day: '2024' is
--    2024-01-01 .. 2024-12-31, '2024-02' is 2024-02-01 .. 2024-02-29 (a month
--    ends where SQLite's date arithmetic says: the day before the first of the
--    next month), a full date is one day. NULL stays NULL. Full ISO dates
--    compare correctly as text, so the ranges do too. The views are public:
--    reports and people can use them as well.
--
-- 2. The ROR status of an institution and its successors, filled in by the
--    ROR import (issue 9); the audit's party-inactive rule reads them.
--
-- 3. Indexes the audit's queries use (see Sources/Registry/Audit/).

CREATE VIEW agreement_dates AS
SELECT
    id, key, title, kind, status, signed_on, effective_from, expires_on,
    CASE length(signed_on) WHEN 4 THEN signed_on || '-01-01' WHEN 7 THEN signed_on || '-01'
        ELSE signed_on END AS signed_first,
    CASE length(signed_on) WHEN 4 THEN signed_on || '-12-31' WHEN 7 THEN date(signed_on || '-01', '+1 month', '-1 day')
        ELSE signed_on END AS signed_last,
    CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01'
        ELSE effective_from END AS effective_first,
    CASE length(effective_from) WHEN 4 THEN effective_from || '-12-31' WHEN 7 THEN date(effective_from || '-01', '+1 month', '-1 day')
        ELSE effective_from END AS effective_last,
    CASE length(expires_on) WHEN 4 THEN expires_on || '-01-01' WHEN 7 THEN expires_on || '-01'
        ELSE expires_on END AS expires_first,
    CASE length(expires_on) WHEN 4 THEN expires_on || '-12-31' WHEN 7 THEN date(expires_on || '-01', '+1 month', '-1 day')
        ELSE expires_on END AS expires_last
FROM agreements;

CREATE VIEW membership_dates AS
SELECT
    id, network_id, institution_id, role, since, until,
    CASE length(since) WHEN 4 THEN since || '-01-01' WHEN 7 THEN since || '-01' ELSE since END AS since_first,
    CASE length(since) WHEN 4 THEN since || '-12-31' WHEN 7 THEN date(since || '-01', '+1 month', '-1 day')
        ELSE since END AS since_last,
    CASE length(until) WHEN 4 THEN until || '-01-01' WHEN 7 THEN until || '-01' ELSE until END AS until_first,
    CASE length(until) WHEN 4 THEN until || '-12-31' WHEN 7 THEN date(until || '-01', '+1 month', '-1 day')
        ELSE until END AS until_last
FROM memberships;

CREATE VIEW appointment_dates AS
SELECT
    id, person, institution_id, network_id, title, starts_on, ends_on, term_months, ends_on_derived,
    CASE length(starts_on) WHEN 4 THEN starts_on || '-01-01' WHEN 7 THEN starts_on || '-01'
        ELSE starts_on END AS starts_first,
    CASE length(starts_on) WHEN 4 THEN starts_on || '-12-31' WHEN 7 THEN date(starts_on || '-01', '+1 month', '-1 day')
        ELSE starts_on END AS starts_last,
    CASE length(ends_on) WHEN 4 THEN ends_on || '-01-01' WHEN 7 THEN ends_on || '-01' ELSE ends_on END AS ends_first,
    CASE length(ends_on) WHEN 4 THEN ends_on || '-12-31' WHEN 7 THEN date(ends_on || '-01', '+1 month', '-1 day')
        ELSE ends_on END AS ends_last
FROM appointments;

CREATE VIEW news_item_dates AS
SELECT
    id, key, title, summary, language, published_on,
    CASE length(published_on) WHEN 4 THEN published_on || '-01-01' WHEN 7 THEN published_on || '-01'
        ELSE published_on END AS published_first,
    CASE length(published_on) WHEN 4 THEN published_on || '-12-31' WHEN 7 THEN date(published_on || '-01', '+1 month', '-1 day')
        ELSE published_on END AS published_last
FROM news_items;

CREATE VIEW institution_dates AS
SELECT
    id, key, name, established,
    CASE length(established) WHEN 4 THEN established || '-01-01' WHEN 7 THEN established || '-01'
        ELSE established END AS established_first,
    CASE length(established) WHEN 4 THEN established || '-12-31' WHEN 7 THEN date(established || '-01', '+1 month', '-1 day')
        ELSE established END AS established_last
FROM institutions;

-- ROR status: NULL until the ROR import has seen the institution.
ALTER TABLE institutions ADD COLUMN ror_status TEXT
    CHECK (ror_status IS NULL OR ror_status IN ('active', 'inactive', 'withdrawn'));

-- ROR `successor` relationships: the organisations an institution was merged
-- into or renamed to. The successor need not be in the registry.
CREATE TABLE institution_successors (
    institution_id   INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    successor_ror_id TEXT NOT NULL,
    successor_name   TEXT,
    PRIMARY KEY (institution_id, successor_ror_id)
) STRICT, WITHOUT ROWID;

-- expired-but-active, expiring-soon and no-expiry read active agreements by
-- expiry date (no-expiry: those without one, by signing date), in the order
-- they are reported, so their results need no sort.
CREATE INDEX agreements_status_expires ON agreements (status, expires_on, signed_on);
-- signed-in-future reads agreements by signing date; before-established asks
-- for the earliest signing date.
CREATE INDEX agreements_signed ON agreements (signed_on);
