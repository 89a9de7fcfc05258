-- 0001: the registry's tables. These names and columns are a public
-- interface: people query them with the sqlite3 shell, Datasette and their
-- own .sql reports. A shipped migration is never edited; change the schema
-- with a new file.
--
-- Dates are TEXT in ISO 8601 at the precision that is known: '2018',
-- '2018-01' or '2018-11-28'. Each date column's CHECK accepts exactly those
-- three forms with real calendar values. A plain `date(d) = d` is not enough:
-- SQLite returns '2019-02-30' unchanged, and only with a modifier does it
-- normalise the day (to '2019-03-02'), so `date(d, '+0 days') IS d` rejects
-- impossible days and malformed values (for which date() is NULL). The GLOB
-- patterns reject what date() would accept, such as '2018-1-5' or a time.

CREATE TABLE institutions (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE CHECK (length(key) > 0 AND key = trim(key)),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    short_name   TEXT,
    kind         TEXT NOT NULL DEFAULT 'university' CHECK (kind IN (
                     'university', 'university_college', 'university_medical_center', 'research_institute',
                     'school', 'company', 'government', 'nonprofit', 'other')),
    -- ISO 3166-1 alpha-2, upper case.
    country_code TEXT NOT NULL CHECK (country_code GLOB '[A-Z][A-Z]'),
    city         TEXT,
    -- The Research Organization Registry id without its https://ror.org/ prefix.
    ror_id       TEXT UNIQUE CHECK (ror_id IS NULL OR (length(ror_id) = 9 AND ror_id GLOB '0[0-9a-z][0-9a-z][0-9a-z][0-9a-z][0-9a-z][0-9a-z][0-9][0-9]')),
    erasmus_code TEXT,
    website      TEXT,
    parent_id    INTEGER REFERENCES institutions (id) ON DELETE SET NULL,
    -- Usually a year.
    established  TEXT CHECK (established IS NULL OR (
            (length(established) = 4 AND established GLOB '[0-9][0-9][0-9][0-9]' AND established <> '0000')
         OR (length(established) = 7 AND established GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(established, 1, 4) <> '0000'
             AND substr(established, 6, 2) BETWEEN '01' AND '12')
         OR (length(established) = 10 AND established GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(established, 1, 4) <> '0000'
             AND date(established, '+0 days') IS established)
        )),
    notes        TEXT,
    source       TEXT,
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX institutions_parent ON institutions (parent_id);
CREATE INDEX institutions_country ON institutions (country_code);

-- Other names of an institution: translations, former names, abbreviations.
-- References in imported files resolve against these as well as the name.
CREATE TABLE institution_aliases (
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    alias          TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    -- ISO 639-1 language of the alias, when it is a name in one language.
    lang           TEXT CHECK (lang IS NULL OR lang GLOB '[a-z][a-z]'),
    PRIMARY KEY (institution_id, alias)
) STRICT, WITHOUT ROWID;
CREATE INDEX institution_aliases_alias ON institution_aliases (alias);

CREATE TABLE networks (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE CHECK (length(key) > 0 AND key = trim(key)),
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    acronym             TEXT,
    kind                TEXT NOT NULL DEFAULT 'network' CHECK (kind IN (
                            'network', 'alliance', 'association', 'consortium', 'charter', 'programme', 'other')),
    scope               TEXT CHECK (scope IS NULL OR scope IN ('global', 'european', 'national', 'regional')),
    founded_on          TEXT CHECK (founded_on IS NULL OR (
            (length(founded_on) = 4 AND founded_on GLOB '[0-9][0-9][0-9][0-9]' AND founded_on <> '0000')
         OR (length(founded_on) = 7 AND founded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(founded_on, 1, 4) <> '0000'
             AND substr(founded_on, 6, 2) BETWEEN '01' AND '12')
         OR (length(founded_on) = 10 AND founded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(founded_on, 1, 4) <> '0000'
             AND date(founded_on, '+0 days') IS founded_on)
        )),
    -- The member count a source states ("23 research universities"), which
    -- may differ from the members recorded here.
    stated_member_count INTEGER CHECK (stated_member_count IS NULL OR stated_member_count >= 0),
    website             TEXT,
    notes               TEXT,
    source              TEXT
) STRICT;

CREATE TABLE memberships (
    id             INTEGER PRIMARY KEY,
    network_id     INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    role           TEXT NOT NULL DEFAULT 'member' CHECK (role IN (
                       'member', 'founding_member', 'coordinator', 'associate', 'partner', 'signatory')),
    since          TEXT CHECK (since IS NULL OR (
            (length(since) = 4 AND since GLOB '[0-9][0-9][0-9][0-9]' AND since <> '0000')
         OR (length(since) = 7 AND since GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(since, 1, 4) <> '0000'
             AND substr(since, 6, 2) BETWEEN '01' AND '12')
         OR (length(since) = 10 AND since GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(since, 1, 4) <> '0000'
             AND date(since, '+0 days') IS since)
        )),
    until          TEXT CHECK (until IS NULL OR (
            (length(until) = 4 AND until GLOB '[0-9][0-9][0-9][0-9]' AND until <> '0000')
         OR (length(until) = 7 AND until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(until, 1, 4) <> '0000'
             AND substr(until, 6, 2) BETWEEN '01' AND '12')
         OR (length(until) = 10 AND until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(until, 1, 4) <> '0000'
             AND date(until, '+0 days') IS until)
        )),
    source         TEXT,
    UNIQUE (network_id, institution_id, role)
) STRICT;
CREATE INDEX memberships_institution ON memberships (institution_id);

CREATE TABLE agreements (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE CHECK (length(key) > 0 AND key = trim(key)),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind           TEXT NOT NULL CHECK (kind IN (
                       'mou', 'cooperation_agreement', 'strategic_partnership', 'dual_degree', 'joint_degree',
                       'erasmus_iia', 'research_collaboration', 'exchange', 'funding', 'other')),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'terminated')),
    signed_on      TEXT CHECK (signed_on IS NULL OR (
            (length(signed_on) = 4 AND signed_on GLOB '[0-9][0-9][0-9][0-9]' AND signed_on <> '0000')
         OR (length(signed_on) = 7 AND signed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(signed_on, 1, 4) <> '0000'
             AND substr(signed_on, 6, 2) BETWEEN '01' AND '12')
         OR (length(signed_on) = 10 AND signed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(signed_on, 1, 4) <> '0000'
             AND date(signed_on, '+0 days') IS signed_on)
        )),
    effective_from TEXT CHECK (effective_from IS NULL OR (
            (length(effective_from) = 4 AND effective_from GLOB '[0-9][0-9][0-9][0-9]' AND effective_from <> '0000')
         OR (length(effective_from) = 7 AND effective_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(effective_from, 1, 4) <> '0000'
             AND substr(effective_from, 6, 2) BETWEEN '01' AND '12')
         OR (length(effective_from) = 10 AND effective_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(effective_from, 1, 4) <> '0000'
             AND date(effective_from, '+0 days') IS effective_from)
        )),
    expires_on     TEXT CHECK (expires_on IS NULL OR (
            (length(expires_on) = 4 AND expires_on GLOB '[0-9][0-9][0-9][0-9]' AND expires_on <> '0000')
         OR (length(expires_on) = 7 AND expires_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(expires_on, 1, 4) <> '0000'
             AND substr(expires_on, 6, 2) BETWEEN '01' AND '12')
         OR (length(expires_on) = 10 AND expires_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(expires_on, 1, 4) <> '0000'
             AND date(expires_on, '+0 days') IS expires_on)
        )),
    -- ';'-separated, as imported.
    topics         TEXT,
    source         TEXT,
    notes          TEXT
) STRICT;

-- An agreement has two or more parties.
CREATE TABLE agreement_parties (
    agreement_id   INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE RESTRICT,
    role           TEXT NOT NULL DEFAULT 'party' CHECK (role IN ('party', 'coordinator', 'host', 'funder', 'beneficiary')),
    PRIMARY KEY (agreement_id, institution_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_parties_institution ON agreement_parties (institution_id);

CREATE TABLE news_items (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE CHECK (length(key) > 0 AND key = trim(key)),
    published_on TEXT NOT NULL CHECK (
            (length(published_on) = 4 AND published_on GLOB '[0-9][0-9][0-9][0-9]' AND published_on <> '0000')
         OR (length(published_on) = 7 AND published_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(published_on, 1, 4) <> '0000'
             AND substr(published_on, 6, 2) BETWEEN '01' AND '12')
         OR (length(published_on) = 10 AND published_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(published_on, 1, 4) <> '0000'
             AND date(published_on, '+0 days') IS published_on)
        ),
    -- ISO 639-1.
    language     TEXT NOT NULL CHECK (language GLOB '[a-z][a-z]'),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary      TEXT,
    -- The language versions of one story share a story_key.
    story_key    TEXT,
    source       TEXT
) STRICT;
CREATE INDEX news_items_story ON news_items (story_key);
CREATE INDEX news_items_published ON news_items (published_on);

-- What a news item is about.
CREATE TABLE news_agreements (
    news_item_id INTEGER NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    PRIMARY KEY (news_item_id, agreement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX news_agreements_agreement ON news_agreements (agreement_id);

CREATE TABLE news_institutions (
    news_item_id   INTEGER NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    PRIMARY KEY (news_item_id, institution_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX news_institutions_institution ON news_institutions (institution_id);

CREATE TABLE news_networks (
    news_item_id INTEGER NOT NULL REFERENCES news_items (id) ON DELETE CASCADE,
    network_id   INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    PRIMARY KEY (news_item_id, network_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX news_networks_network ON news_networks (network_id);

-- Offices held, such as a network's presidency for a two-year term. Held at
-- an institution or at a network, never both.
CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    person          TEXT NOT NULL CHECK (length(trim(person)) > 0),
    institution_id  INTEGER REFERENCES institutions (id) ON DELETE CASCADE,
    network_id      INTEGER REFERENCES networks (id) ON DELETE CASCADE,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    starts_on       TEXT CHECK (starts_on IS NULL OR (
            (length(starts_on) = 4 AND starts_on GLOB '[0-9][0-9][0-9][0-9]' AND starts_on <> '0000')
         OR (length(starts_on) = 7 AND starts_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(starts_on, 1, 4) <> '0000'
             AND substr(starts_on, 6, 2) BETWEEN '01' AND '12')
         OR (length(starts_on) = 10 AND starts_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(starts_on, 1, 4) <> '0000'
             AND date(starts_on, '+0 days') IS starts_on)
        )),
    -- The last day (or month, or year) in office, inclusive.
    ends_on         TEXT CHECK (ends_on IS NULL OR (
            (length(ends_on) = 4 AND ends_on GLOB '[0-9][0-9][0-9][0-9]' AND ends_on <> '0000')
         OR (length(ends_on) = 7 AND ends_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(ends_on, 1, 4) <> '0000'
             AND substr(ends_on, 6, 2) BETWEEN '01' AND '12')
         OR (length(ends_on) = 10 AND ends_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND substr(ends_on, 1, 4) <> '0000'
             AND date(ends_on, '+0 days') IS ends_on)
        )),
    -- The stated term ("for a term lasting two years" = 24).
    term_months     INTEGER CHECK (term_months IS NULL OR term_months > 0),
    -- 1 when ends_on was worked out from starts_on and the term rather than stated.
    ends_on_derived INTEGER NOT NULL DEFAULT 0 CHECK (ends_on_derived IN (0, 1)),
    source          TEXT,
    CHECK ((institution_id IS NULL) <> (network_id IS NULL))
) STRICT;
CREATE INDEX appointments_institution ON appointments (institution_id);
CREATE INDEX appointments_network ON appointments (network_id);
CREATE UNIQUE INDEX appointments_identity ON appointments (
    person, title, coalesce(institution_id, 0), coalesce(network_id, 0), coalesce(starts_on, ''));
