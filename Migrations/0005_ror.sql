-- 0005: what `partnerships import ror` needs, beyond 0004's
-- institutions.ror_status and institution_successors (which the audit's
-- party-inactive rule reads).

-- What ROR said about an institution at the last import, one row per
-- institution that the import has seen. It tells ROR's values from a user's:
-- a registry field that still equals what ROR gave last time came from ROR and
-- follows ROR when ROR changes; a field that differs from it was set by a user
-- and is kept (and reported as a conflict) unless the import is given
-- --overwrite. The row holds ROR's newest values even when the user's were
-- kept, so the query
--   SELECT i.key, i.name, r.name FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
--   WHERE i.name IS NOT r.name
-- lists the names still in conflict (as the view institution_ror_conflicts does for every field).
CREATE TABLE institution_ror_values (
    institution_id INTEGER PRIMARY KEY REFERENCES institutions (id) ON DELETE CASCADE,
    -- The ROR record these values come from (institutions.ror_id, unless a user has changed that since).
    ror_id         TEXT NOT NULL,
    -- The ror_display name.
    name           TEXT NOT NULL,
    -- The kind the record's types map to, and the types themselves, ';'-separated as in ROR ("education;funder").
    kind           TEXT NOT NULL,
    ror_types      TEXT NOT NULL,
    -- Country code and city of the first location.
    country_code   TEXT NOT NULL,
    city           TEXT,
    -- The first link of type website.
    website        TEXT,
    -- The year, as 'YYYY'.
    established    TEXT,
    -- The ROR id of the parent the import applied to parent_id (NULL when none).
    parent_ror_id  TEXT,
    -- admin.last_modified.date of the record.
    last_modified  TEXT
) STRICT;
CREATE INDEX institution_ror_values_ror ON institution_ror_values (ror_id);

-- A record's other ROR relationships: its parents (also those not in the
-- registry, so that a later import can link them), predecessors (the
-- organisations it was renamed from or merged out of) and related
-- organisations. The other side need not be in the registry. Successors are
-- in institution_successors (0004). Children are not stored: each child record
-- names its parent, and a parent lists its children by the hundred.
CREATE TABLE institution_relations (
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    relation       TEXT NOT NULL CHECK (relation IN ('parent', 'predecessor', 'related')),
    ror_id         TEXT NOT NULL CHECK (length(ror_id) = 9 AND ror_id GLOB '0[0-9a-z][0-9a-z][0-9a-z][0-9a-z][0-9a-z][0-9a-z][0-9][0-9]'),
    -- The other side's name as ROR labels it.
    name           TEXT,
    PRIMARY KEY (institution_id, relation, ror_id)
) STRICT, WITHOUT ROWID;
-- "Which registry institutions name this one as parent / predecessor?"
CREATE INDEX institution_relations_ror ON institution_relations (ror_id, relation);

-- Each field in which the registry differs from ROR's latest value: the
-- conflicts the import reported and kept (run it again with --overwrite to
-- take ROR's values, or edit the registry to match). A value ROR does not give
-- (no city, no parent in the registry) is no conflict. The parent is compared
-- by key, and only when ROR's parent is in the registry.
CREATE VIEW institution_ror_conflicts AS
SELECT i.id AS institution_id, i.key, r.ror_id, 'name' AS field, i.name AS registry_value, r.name AS ror_value
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
WHERE i.name IS NOT r.name
UNION ALL
SELECT i.id, i.key, r.ror_id, 'kind', i.kind, r.kind
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
WHERE i.kind IS NOT r.kind
UNION ALL
SELECT i.id, i.key, r.ror_id, 'country_code', i.country_code, r.country_code
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
WHERE i.country_code IS NOT r.country_code
UNION ALL
SELECT i.id, i.key, r.ror_id, 'city', i.city, r.city
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
WHERE r.city IS NOT NULL AND i.city IS NOT r.city
UNION ALL
SELECT i.id, i.key, r.ror_id, 'website', i.website, r.website
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
WHERE r.website IS NOT NULL AND i.website IS NOT r.website
UNION ALL
SELECT i.id, i.key, r.ror_id, 'established', i.established, r.established
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
WHERE r.established IS NOT NULL AND i.established IS NOT r.established
UNION ALL
SELECT i.id, i.key, r.ror_id, 'parent', current.key, wanted.key
FROM institutions i JOIN institution_ror_values r ON r.institution_id = i.id
JOIN institutions wanted ON wanted.ror_id = r.parent_ror_id
LEFT JOIN institutions current ON current.id = i.parent_id
WHERE i.parent_id IS NOT wanted.id;
