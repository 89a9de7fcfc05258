-- 0005: what `partnerships import ror` needs, beyond 0004's
-- institutions.ror_status and institution_successors (which the audit's
-- party-inactive rule reads).

-- What ROR said about an institution at the last import, one row per
-- institution that the import has seen. It tells ROR's values from a user's:
-- a registry field that still equals what ROR gave last time came from ROR and
-- follows ROR when ROR changes; a field that differs from it was set by a user
-- and is kept (and reported as a conflict) unless the import is given
-- --overwrite. The row holds ROR's own newest values even where the user's
-- were kept, so a query such as
--   SELECT i.key, i.name, r.name AS ror_name FROM institutions i
--   JOIN institution_ror_values r ON r.institution_id = i.id WHERE i.name IS NOT r.name
-- shows where the registry and ROR differ (`partnerships import ror FILE
-- --dry-run` lists the differences that are conflicts).
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
    -- ROR's parent among those in the registry: the one parent_id follows (NULL when none).
    parent_ror_id  TEXT,
    -- admin.last_modified.date of the record.
    last_modified  TEXT
) STRICT;

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
-- "Which institutions name this one as their parent (or predecessor)?", and
-- the import's pass over all parent relationships.
CREATE INDEX institution_relations_target ON institution_relations (relation, ror_id);
