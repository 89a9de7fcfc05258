-- 0003: what the reports read. Views for the common joins, so that the
-- sqlite3 shell, Datasette and `partnerships report` give the same answers;
-- full-text search over news and agreements; the indexes that keep the
-- built-in reports fast on a million agreements; and the ISO 3166 country
-- names, so that a report can be asked for 'Netherlands' as well as 'NL'.
--
-- Partial dates. A date is known to the year ('2026'), the month ('2026-06')
-- or the day. Compared with a day, a partial date stands for a period: it
-- starts on the first day of that period and ends on the last, so an expiry
-- of '2026-06' ends on 2026-06-30 and one of '2026' on 2026-12-31. The
-- `*_start` and `*_end` columns of the views below are written once here;
-- reports compare those, never the raw columns.
--
-- The indexes on expressions repeat the views' expressions word for word:
-- SQLite uses an index on an expression only when a query (after a view is
-- expanded) contains the very same expression.

-- MARK: Countries

CREATE TABLE countries (
    -- ISO 3166-1 alpha-2, as in institutions.country_code.
    code          TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z]'),
    alpha3        TEXT UNIQUE CHECK (alpha3 IS NULL OR alpha3 GLOB '[A-Z][A-Z][A-Z]'),
    -- The short English name people use ('South Korea').
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- The ISO list's name when it differs ('Korea, Republic of').
    iso_name      TEXT,
    official_name TEXT
) STRICT, WITHOUT ROWID;

-- Other names people type for a country: former, local or informal names.
CREATE TABLE country_aliases (
    alias TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(alias)) > 0),
    code  TEXT NOT NULL REFERENCES countries (code) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Every name a country parameter may be given as, matched case-insensitively.
CREATE VIEW country_lookup (code, label) AS
    SELECT code, code FROM countries
    UNION ALL SELECT code, alpha3 FROM countries WHERE alpha3 IS NOT NULL
    UNION ALL SELECT code, name FROM countries
    UNION ALL SELECT code, iso_name FROM countries WHERE iso_name IS NOT NULL
    UNION ALL SELECT code, official_name FROM countries WHERE official_name IS NOT NULL
    UNION ALL SELECT code, alias FROM country_aliases;

-- MARK: Names people type

-- Every name an institution parameter may be given as: its key, name, short
-- name and aliases. Match with `label = :x COLLATE NOCASE` (ASCII letters
-- ignore case; accents must match).
CREATE VIEW institution_lookup (institution_id, label, label_kind) AS
    SELECT id, key, 'key' FROM institutions
    UNION ALL SELECT id, name, 'name' FROM institutions
    UNION ALL SELECT id, short_name, 'short_name' FROM institutions WHERE short_name IS NOT NULL
    UNION ALL SELECT institution_id, alias, 'alias' FROM institution_aliases;

CREATE INDEX institutions_key_nocase ON institutions (key COLLATE NOCASE);
CREATE INDEX institutions_name_nocase ON institutions (name COLLATE NOCASE);
CREATE INDEX institutions_short_name_nocase ON institutions (short_name COLLATE NOCASE);
CREATE INDEX institution_aliases_alias_nocase ON institution_aliases (alias COLLATE NOCASE);

CREATE VIEW network_lookup (network_id, label, label_kind) AS
    SELECT id, key, 'key' FROM networks
    UNION ALL SELECT id, name, 'name' FROM networks
    UNION ALL SELECT id, acronym, 'acronym' FROM networks WHERE acronym IS NOT NULL;

-- MARK: Agreements

-- One row per agreement with its dates as periods. in_force_from and
-- in_force_until bound the days on which an agreement may be in force: only
-- an active one, from its effective date (else its signing) to its expiry,
-- each read as widely as its precision allows; no start means in force since
-- ever, no expiry means open-ended. An agreement is in force on D when
-- `D BETWEEN in_force_from AND in_force_until`; a draft or terminated one
-- never is, nor one whose expiry comes before its start.
CREATE VIEW agreement_periods AS
SELECT
    a.*,
    CASE length(a.signed_on) WHEN 4 THEN a.signed_on || '-01-01' WHEN 7 THEN a.signed_on || '-01' ELSE a.signed_on END
        AS signed_start,
    CASE length(a.effective_from) WHEN 4 THEN a.effective_from || '-01-01' WHEN 7 THEN a.effective_from || '-01' ELSE a.effective_from END
        AS effective_start,
    CASE length(a.expires_on) WHEN 4 THEN a.expires_on || '-12-31' WHEN 7 THEN date(a.expires_on || '-01', '+1 month', '-1 day') ELSE a.expires_on END
        AS expires_end
FROM agreements a;

CREATE INDEX agreements_signed_start ON agreements (
    CASE length(signed_on) WHEN 4 THEN signed_on || '-01-01' WHEN 7 THEN signed_on || '-01' ELSE signed_on END);
CREATE INDEX agreements_effective_start ON agreements (
    CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01' ELSE effective_from END);
CREATE INDEX agreements_expires_end ON agreements (
    CASE length(expires_on) WHEN 4 THEN expires_on || '-12-31' WHEN 7 THEN date(expires_on || '-01', '+1 month', '-1 day') ELSE expires_on END);
-- overview counts agreements by kind and status from this index alone.
CREATE INDEX agreements_kind_status ON agreements (kind, status);

-- Agreements with their parties. `parties` lists each party with its
-- country, 'Maastricht University (NL); KU Leuven (BE)', in the order the
-- institutions were added to the registry (sorting names for every row would
-- double the cost of a long report); `party_keys` likewise; `party_countries`
-- the distinct countries in alphabetical order.
CREATE VIEW agreement_overview AS
SELECT
    a.id,
    a.key,
    a.title,
    a.kind,
    a.status,
    a.signed_on,
    a.effective_from,
    a.expires_on,
    a.signed_start,
    a.effective_start,
    a.expires_end,
    CASE WHEN a.status = 'active' THEN coalesce(a.effective_start, a.signed_start, '0000-01-01') END AS in_force_from,
    CASE WHEN a.status = 'active' THEN coalesce(a.expires_end, '9999-12-31') END AS in_force_until,
    (SELECT group_concat(i.name || ' (' || i.country_code || ')', '; ')
     FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
     WHERE p.agreement_id = a.id) AS parties,
    (SELECT group_concat(i.key, '; ')
     FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
     WHERE p.agreement_id = a.id) AS party_keys,
    (SELECT group_concat(country_code, ', ') FROM (
        SELECT DISTINCT i.country_code FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
        WHERE p.agreement_id = a.id ORDER BY i.country_code)) AS party_countries,
    (SELECT count(*) FROM agreement_parties p WHERE p.agreement_id = a.id) AS party_count,
    a.topics,
    a.notes,
    a.source
FROM agreement_periods a;

-- MARK: Memberships

-- Memberships with network and institution names. member_from and
-- member_until bound the days of membership, read as widely as the dates'
-- precision allows; current on D when `D BETWEEN member_from AND member_until`.
CREATE VIEW membership_overview AS
SELECT
    m.id,
    m.network_id,
    n.key AS network_key,
    n.name AS network_name,
    n.acronym AS network_acronym,
    m.institution_id,
    i.key AS institution_key,
    i.name AS institution_name,
    i.country_code,
    m.role,
    m.since,
    m.until,
    coalesce(CASE length(m.since) WHEN 4 THEN m.since || '-01-01' WHEN 7 THEN m.since || '-01' ELSE m.since END,
             '0000-01-01') AS member_from,
    coalesce(CASE length(m.until) WHEN 4 THEN m.until || '-12-31' WHEN 7 THEN date(m.until || '-01', '+1 month', '-1 day') ELSE m.until END,
             '9999-12-31') AS member_until,
    m.source
FROM memberships m
JOIN networks n ON n.id = m.network_id
JOIN institutions i ON i.id = m.institution_id;

-- MARK: News

-- News items with the agreements (keys), institutions and networks (names)
-- they are about.
CREATE VIEW news_overview AS
SELECT
    n.id,
    n.key,
    n.published_on,
    CASE length(n.published_on) WHEN 4 THEN n.published_on || '-01-01' WHEN 7 THEN n.published_on || '-01' ELSE n.published_on END
        AS published_start,
    n.language,
    n.title,
    n.summary,
    n.story_key,
    (SELECT group_concat(key, '; ') FROM (
        SELECT a.key FROM news_agreements na JOIN agreements a ON a.id = na.agreement_id
        WHERE na.news_item_id = n.id ORDER BY a.key)) AS agreements,
    (SELECT group_concat(name, '; ') FROM (
        SELECT i.name FROM news_institutions ni JOIN institutions i ON i.id = ni.institution_id
        WHERE ni.news_item_id = n.id ORDER BY i.name, i.id)) AS institutions,
    (SELECT group_concat(name, '; ') FROM (
        SELECT coalesce(w.acronym, w.name) AS name FROM news_networks nn JOIN networks w ON w.id = nn.network_id
        WHERE nn.news_item_id = n.id ORDER BY 1)) AS networks,
    n.source
FROM news_items n;

CREATE INDEX news_items_published_start ON news_items (
    CASE length(published_on) WHEN 4 THEN published_on || '-01-01' WHEN 7 THEN published_on || '-01' ELSE published_on END);
-- overview counts news by year and language from this index alone.
CREATE INDEX news_items_year_language ON news_items (substr(published_on, 1, 4), language);

-- MARK: Full-text search

-- External-content FTS5 indexes: the text stays in news_items and
-- agreements; these hold only the index, kept in step by the triggers below.
-- remove_diacritics 2 lets 'Liege' find 'Liège'.
CREATE VIRTUAL TABLE news_search USING fts5 (
    title, summary,
    content = 'news_items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE agreement_search USING fts5 (
    title, notes,
    content = 'agreements', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- An external-content index must be told the old text to forget it: 'delete'
-- takes the values that were indexed. An INSERT OR REPLACE deletes the row it
-- replaces without firing DELETE triggers unless recursive_triggers is on;
-- every partnerships connection turns it on (Connection.configure).
CREATE TRIGGER news_items_search_insert AFTER INSERT ON news_items BEGIN
    INSERT INTO news_search (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
CREATE TRIGGER news_items_search_delete AFTER DELETE ON news_items BEGIN
    INSERT INTO news_search (news_search, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
END;
CREATE TRIGGER news_items_search_update AFTER UPDATE OF id, title, summary ON news_items
WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.summary IS NOT new.summary BEGIN
    INSERT INTO news_search (news_search, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
    INSERT INTO news_search (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreement_search (rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO agreement_search (agreement_search, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
END;
CREATE TRIGGER agreements_search_update AFTER UPDATE OF id, title, notes ON agreements
WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.notes IS NOT new.notes BEGIN
    INSERT INTO agreement_search (agreement_search, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
    INSERT INTO agreement_search (rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;

-- `ORDER BY rank` ranks by bm25 with a word in a title counting ten times
-- one in a summary or the notes.
INSERT INTO news_search (news_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO agreement_search (agreement_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

-- Index what is already there.
INSERT INTO news_search (news_search) VALUES ('rebuild');
INSERT INTO agreement_search (agreement_search) VALUES ('rebuild');

-- MARK: Country names (ISO 3166-1, from Debian's iso-codes; XK is the code in common use for Kosovo)

INSERT INTO countries (code, alpha3, name, iso_name, official_name) VALUES
    ('AD', 'AND', 'Andorra', NULL, 'Principality of Andorra'),
    ('AE', 'ARE', 'United Arab Emirates', NULL, NULL),
    ('AF', 'AFG', 'Afghanistan', NULL, 'Islamic Republic of Afghanistan'),
    ('AG', 'ATG', 'Antigua and Barbuda', NULL, NULL),
    ('AI', 'AIA', 'Anguilla', NULL, NULL),
    ('AL', 'ALB', 'Albania', NULL, 'Republic of Albania'),
    ('AM', 'ARM', 'Armenia', NULL, 'Republic of Armenia'),
    ('AO', 'AGO', 'Angola', NULL, 'Republic of Angola'),
    ('AQ', 'ATA', 'Antarctica', NULL, NULL),
    ('AR', 'ARG', 'Argentina', NULL, 'Argentine Republic'),
    ('AS', 'ASM', 'American Samoa', NULL, NULL),
    ('AT', 'AUT', 'Austria', NULL, 'Republic of Austria'),
    ('AU', 'AUS', 'Australia', NULL, NULL),
    ('AW', 'ABW', 'Aruba', NULL, NULL),
    ('AX', 'ALA', 'Åland Islands', NULL, NULL),
    ('AZ', 'AZE', 'Azerbaijan', NULL, 'Republic of Azerbaijan'),
    ('BA', 'BIH', 'Bosnia and Herzegovina', NULL, 'Republic of Bosnia and Herzegovina'),
    ('BB', 'BRB', 'Barbados', NULL, NULL),
    ('BD', 'BGD', 'Bangladesh', NULL, 'People''s Republic of Bangladesh'),
    ('BE', 'BEL', 'Belgium', NULL, 'Kingdom of Belgium'),
    ('BF', 'BFA', 'Burkina Faso', NULL, NULL),
    ('BG', 'BGR', 'Bulgaria', NULL, 'Republic of Bulgaria'),
    ('BH', 'BHR', 'Bahrain', NULL, 'Kingdom of Bahrain'),
    ('BI', 'BDI', 'Burundi', NULL, 'Republic of Burundi'),
    ('BJ', 'BEN', 'Benin', NULL, 'Republic of Benin'),
    ('BL', 'BLM', 'Saint Barthélemy', NULL, NULL),
    ('BM', 'BMU', 'Bermuda', NULL, NULL),
    ('BN', 'BRN', 'Brunei Darussalam', NULL, NULL),
    ('BO', 'BOL', 'Bolivia', 'Bolivia, Plurinational State of', 'Plurinational State of Bolivia'),
    ('BQ', 'BES', 'Bonaire, Sint Eustatius and Saba', NULL, 'Bonaire, Sint Eustatius and Saba'),
    ('BR', 'BRA', 'Brazil', NULL, 'Federative Republic of Brazil'),
    ('BS', 'BHS', 'Bahamas', NULL, 'Commonwealth of the Bahamas'),
    ('BT', 'BTN', 'Bhutan', NULL, 'Kingdom of Bhutan'),
    ('BV', 'BVT', 'Bouvet Island', NULL, NULL),
    ('BW', 'BWA', 'Botswana', NULL, 'Republic of Botswana'),
    ('BY', 'BLR', 'Belarus', NULL, 'Republic of Belarus'),
    ('BZ', 'BLZ', 'Belize', NULL, NULL),
    ('CA', 'CAN', 'Canada', NULL, NULL),
    ('CC', 'CCK', 'Cocos (Keeling) Islands', NULL, NULL),
    ('CD', 'COD', 'Congo, The Democratic Republic of the', NULL, NULL),
    ('CF', 'CAF', 'Central African Republic', NULL, NULL),
    ('CG', 'COG', 'Congo', NULL, 'Republic of the Congo'),
    ('CH', 'CHE', 'Switzerland', NULL, 'Swiss Confederation'),
    ('CI', 'CIV', 'Côte d''Ivoire', NULL, 'Republic of Côte d''Ivoire'),
    ('CK', 'COK', 'Cook Islands', NULL, NULL),
    ('CL', 'CHL', 'Chile', NULL, 'Republic of Chile'),
    ('CM', 'CMR', 'Cameroon', NULL, 'Republic of Cameroon'),
    ('CN', 'CHN', 'China', NULL, 'People''s Republic of China'),
    ('CO', 'COL', 'Colombia', NULL, 'Republic of Colombia'),
    ('CR', 'CRI', 'Costa Rica', NULL, 'Republic of Costa Rica'),
    ('CU', 'CUB', 'Cuba', NULL, 'Republic of Cuba'),
    ('CV', 'CPV', 'Cabo Verde', NULL, 'Republic of Cabo Verde'),
    ('CW', 'CUW', 'Curaçao', NULL, 'Curaçao'),
    ('CX', 'CXR', 'Christmas Island', NULL, NULL),
    ('CY', 'CYP', 'Cyprus', NULL, 'Republic of Cyprus'),
    ('CZ', 'CZE', 'Czechia', NULL, 'Czech Republic'),
    ('DE', 'DEU', 'Germany', NULL, 'Federal Republic of Germany'),
    ('DJ', 'DJI', 'Djibouti', NULL, 'Republic of Djibouti'),
    ('DK', 'DNK', 'Denmark', NULL, 'Kingdom of Denmark'),
    ('DM', 'DMA', 'Dominica', NULL, 'Commonwealth of Dominica'),
    ('DO', 'DOM', 'Dominican Republic', NULL, NULL),
    ('DZ', 'DZA', 'Algeria', NULL, 'People''s Democratic Republic of Algeria'),
    ('EC', 'ECU', 'Ecuador', NULL, 'Republic of Ecuador'),
    ('EE', 'EST', 'Estonia', NULL, 'Republic of Estonia'),
    ('EG', 'EGY', 'Egypt', NULL, 'Arab Republic of Egypt'),
    ('EH', 'ESH', 'Western Sahara', NULL, NULL),
    ('ER', 'ERI', 'Eritrea', NULL, 'the State of Eritrea'),
    ('ES', 'ESP', 'Spain', NULL, 'Kingdom of Spain'),
    ('ET', 'ETH', 'Ethiopia', NULL, 'Federal Democratic Republic of Ethiopia'),
    ('FI', 'FIN', 'Finland', NULL, 'Republic of Finland'),
    ('FJ', 'FJI', 'Fiji', NULL, 'Republic of Fiji'),
    ('FK', 'FLK', 'Falkland Islands (Malvinas)', NULL, NULL),
    ('FM', 'FSM', 'Micronesia, Federated States of', NULL, 'Federated States of Micronesia'),
    ('FO', 'FRO', 'Faroe Islands', NULL, NULL),
    ('FR', 'FRA', 'France', NULL, 'French Republic'),
    ('GA', 'GAB', 'Gabon', NULL, 'Gabonese Republic'),
    ('GB', 'GBR', 'United Kingdom', NULL, 'United Kingdom of Great Britain and Northern Ireland'),
    ('GD', 'GRD', 'Grenada', NULL, NULL),
    ('GE', 'GEO', 'Georgia', NULL, NULL),
    ('GF', 'GUF', 'French Guiana', NULL, NULL),
    ('GG', 'GGY', 'Guernsey', NULL, NULL),
    ('GH', 'GHA', 'Ghana', NULL, 'Republic of Ghana'),
    ('GI', 'GIB', 'Gibraltar', NULL, NULL),
    ('GL', 'GRL', 'Greenland', NULL, NULL),
    ('GM', 'GMB', 'Gambia', NULL, 'Republic of the Gambia'),
    ('GN', 'GIN', 'Guinea', NULL, 'Republic of Guinea'),
    ('GP', 'GLP', 'Guadeloupe', NULL, NULL),
    ('GQ', 'GNQ', 'Equatorial Guinea', NULL, 'Republic of Equatorial Guinea'),
    ('GR', 'GRC', 'Greece', NULL, 'Hellenic Republic'),
    ('GS', 'SGS', 'South Georgia and the South Sandwich Islands', NULL, NULL),
    ('GT', 'GTM', 'Guatemala', NULL, 'Republic of Guatemala'),
    ('GU', 'GUM', 'Guam', NULL, NULL),
    ('GW', 'GNB', 'Guinea-Bissau', NULL, 'Republic of Guinea-Bissau'),
    ('GY', 'GUY', 'Guyana', NULL, 'Republic of Guyana'),
    ('HK', 'HKG', 'Hong Kong', NULL, 'Hong Kong Special Administrative Region of China'),
    ('HM', 'HMD', 'Heard Island and McDonald Islands', NULL, NULL),
    ('HN', 'HND', 'Honduras', NULL, 'Republic of Honduras'),
    ('HR', 'HRV', 'Croatia', NULL, 'Republic of Croatia'),
    ('HT', 'HTI', 'Haiti', NULL, 'Republic of Haiti'),
    ('HU', 'HUN', 'Hungary', NULL, 'Hungary'),
    ('ID', 'IDN', 'Indonesia', NULL, 'Republic of Indonesia'),
    ('IE', 'IRL', 'Ireland', NULL, NULL),
    ('IL', 'ISR', 'Israel', NULL, 'State of Israel'),
    ('IM', 'IMN', 'Isle of Man', NULL, NULL),
    ('IN', 'IND', 'India', NULL, 'Republic of India'),
    ('IO', 'IOT', 'British Indian Ocean Territory', NULL, NULL),
    ('IQ', 'IRQ', 'Iraq', NULL, 'Republic of Iraq'),
    ('IR', 'IRN', 'Iran', 'Iran, Islamic Republic of', 'Islamic Republic of Iran'),
    ('IS', 'ISL', 'Iceland', NULL, 'Republic of Iceland'),
    ('IT', 'ITA', 'Italy', NULL, 'Italian Republic'),
    ('JE', 'JEY', 'Jersey', NULL, NULL),
    ('JM', 'JAM', 'Jamaica', NULL, NULL),
    ('JO', 'JOR', 'Jordan', NULL, 'Hashemite Kingdom of Jordan'),
    ('JP', 'JPN', 'Japan', NULL, NULL),
    ('KE', 'KEN', 'Kenya', NULL, 'Republic of Kenya'),
    ('KG', 'KGZ', 'Kyrgyzstan', NULL, 'Kyrgyz Republic'),
    ('KH', 'KHM', 'Cambodia', NULL, 'Kingdom of Cambodia'),
    ('KI', 'KIR', 'Kiribati', NULL, 'Republic of Kiribati'),
    ('KM', 'COM', 'Comoros', NULL, 'Union of the Comoros'),
    ('KN', 'KNA', 'Saint Kitts and Nevis', NULL, NULL),
    ('KP', 'PRK', 'North Korea', 'Korea, Democratic People''s Republic of', 'Democratic People''s Republic of Korea'),
    ('KR', 'KOR', 'South Korea', 'Korea, Republic of', NULL),
    ('KW', 'KWT', 'Kuwait', NULL, 'State of Kuwait'),
    ('KY', 'CYM', 'Cayman Islands', NULL, NULL),
    ('KZ', 'KAZ', 'Kazakhstan', NULL, 'Republic of Kazakhstan'),
    ('LA', 'LAO', 'Laos', 'Lao People''s Democratic Republic', NULL),
    ('LB', 'LBN', 'Lebanon', NULL, 'Lebanese Republic'),
    ('LC', 'LCA', 'Saint Lucia', NULL, NULL),
    ('LI', 'LIE', 'Liechtenstein', NULL, 'Principality of Liechtenstein'),
    ('LK', 'LKA', 'Sri Lanka', NULL, 'Democratic Socialist Republic of Sri Lanka'),
    ('LR', 'LBR', 'Liberia', NULL, 'Republic of Liberia'),
    ('LS', 'LSO', 'Lesotho', NULL, 'Kingdom of Lesotho'),
    ('LT', 'LTU', 'Lithuania', NULL, 'Republic of Lithuania'),
    ('LU', 'LUX', 'Luxembourg', NULL, 'Grand Duchy of Luxembourg'),
    ('LV', 'LVA', 'Latvia', NULL, 'Republic of Latvia'),
    ('LY', 'LBY', 'Libya', NULL, 'Libya'),
    ('MA', 'MAR', 'Morocco', NULL, 'Kingdom of Morocco'),
    ('MC', 'MCO', 'Monaco', NULL, 'Principality of Monaco'),
    ('MD', 'MDA', 'Moldova', 'Moldova, Republic of', 'Republic of Moldova'),
    ('ME', 'MNE', 'Montenegro', NULL, 'Montenegro'),
    ('MF', 'MAF', 'Saint Martin (French part)', NULL, NULL),
    ('MG', 'MDG', 'Madagascar', NULL, 'Republic of Madagascar'),
    ('MH', 'MHL', 'Marshall Islands', NULL, 'Republic of the Marshall Islands'),
    ('MK', 'MKD', 'North Macedonia', NULL, 'Republic of North Macedonia'),
    ('ML', 'MLI', 'Mali', NULL, 'Republic of Mali'),
    ('MM', 'MMR', 'Myanmar', NULL, 'Republic of Myanmar'),
    ('MN', 'MNG', 'Mongolia', NULL, NULL),
    ('MO', 'MAC', 'Macao', NULL, 'Macao Special Administrative Region of China'),
    ('MP', 'MNP', 'Northern Mariana Islands', NULL, 'Commonwealth of the Northern Mariana Islands'),
    ('MQ', 'MTQ', 'Martinique', NULL, NULL),
    ('MR', 'MRT', 'Mauritania', NULL, 'Islamic Republic of Mauritania'),
    ('MS', 'MSR', 'Montserrat', NULL, NULL),
    ('MT', 'MLT', 'Malta', NULL, 'Republic of Malta'),
    ('MU', 'MUS', 'Mauritius', NULL, 'Republic of Mauritius'),
    ('MV', 'MDV', 'Maldives', NULL, 'Republic of Maldives'),
    ('MW', 'MWI', 'Malawi', NULL, 'Republic of Malawi'),
    ('MX', 'MEX', 'Mexico', NULL, 'United Mexican States'),
    ('MY', 'MYS', 'Malaysia', NULL, NULL),
    ('MZ', 'MOZ', 'Mozambique', NULL, 'Republic of Mozambique'),
    ('NA', 'NAM', 'Namibia', NULL, 'Republic of Namibia'),
    ('NC', 'NCL', 'New Caledonia', NULL, NULL),
    ('NE', 'NER', 'Niger', NULL, 'Republic of the Niger'),
    ('NF', 'NFK', 'Norfolk Island', NULL, NULL),
    ('NG', 'NGA', 'Nigeria', NULL, 'Federal Republic of Nigeria'),
    ('NI', 'NIC', 'Nicaragua', NULL, 'Republic of Nicaragua'),
    ('NL', 'NLD', 'Netherlands', NULL, 'Kingdom of the Netherlands'),
    ('NO', 'NOR', 'Norway', NULL, 'Kingdom of Norway'),
    ('NP', 'NPL', 'Nepal', NULL, 'Federal Democratic Republic of Nepal'),
    ('NR', 'NRU', 'Nauru', NULL, 'Republic of Nauru'),
    ('NU', 'NIU', 'Niue', NULL, 'Niue'),
    ('NZ', 'NZL', 'New Zealand', NULL, NULL),
    ('OM', 'OMN', 'Oman', NULL, 'Sultanate of Oman'),
    ('PA', 'PAN', 'Panama', NULL, 'Republic of Panama'),
    ('PE', 'PER', 'Peru', NULL, 'Republic of Peru'),
    ('PF', 'PYF', 'French Polynesia', NULL, NULL),
    ('PG', 'PNG', 'Papua New Guinea', NULL, 'Independent State of Papua New Guinea'),
    ('PH', 'PHL', 'Philippines', NULL, 'Republic of the Philippines'),
    ('PK', 'PAK', 'Pakistan', NULL, 'Islamic Republic of Pakistan'),
    ('PL', 'POL', 'Poland', NULL, 'Republic of Poland'),
    ('PM', 'SPM', 'Saint Pierre and Miquelon', NULL, NULL),
    ('PN', 'PCN', 'Pitcairn', NULL, NULL),
    ('PR', 'PRI', 'Puerto Rico', NULL, NULL),
    ('PS', 'PSE', 'Palestine, State of', NULL, 'the State of Palestine'),
    ('PT', 'PRT', 'Portugal', NULL, 'Portuguese Republic'),
    ('PW', 'PLW', 'Palau', NULL, 'Republic of Palau'),
    ('PY', 'PRY', 'Paraguay', NULL, 'Republic of Paraguay'),
    ('QA', 'QAT', 'Qatar', NULL, 'State of Qatar'),
    ('RE', 'REU', 'Réunion', NULL, NULL),
    ('RO', 'ROU', 'Romania', NULL, NULL),
    ('RS', 'SRB', 'Serbia', NULL, 'Republic of Serbia'),
    ('RU', 'RUS', 'Russian Federation', NULL, NULL),
    ('RW', 'RWA', 'Rwanda', NULL, 'Rwandese Republic'),
    ('SA', 'SAU', 'Saudi Arabia', NULL, 'Kingdom of Saudi Arabia'),
    ('SB', 'SLB', 'Solomon Islands', NULL, NULL),
    ('SC', 'SYC', 'Seychelles', NULL, 'Republic of Seychelles'),
    ('SD', 'SDN', 'Sudan', NULL, 'Republic of the Sudan'),
    ('SE', 'SWE', 'Sweden', NULL, 'Kingdom of Sweden'),
    ('SG', 'SGP', 'Singapore', NULL, 'Republic of Singapore'),
    ('SH', 'SHN', 'Saint Helena, Ascension and Tristan da Cunha', NULL, NULL),
    ('SI', 'SVN', 'Slovenia', NULL, 'Republic of Slovenia'),
    ('SJ', 'SJM', 'Svalbard and Jan Mayen', NULL, NULL),
    ('SK', 'SVK', 'Slovakia', NULL, 'Slovak Republic'),
    ('SL', 'SLE', 'Sierra Leone', NULL, 'Republic of Sierra Leone'),
    ('SM', 'SMR', 'San Marino', NULL, 'Republic of San Marino'),
    ('SN', 'SEN', 'Senegal', NULL, 'Republic of Senegal'),
    ('SO', 'SOM', 'Somalia', NULL, 'Federal Republic of Somalia'),
    ('SR', 'SUR', 'Suriname', NULL, 'Republic of Suriname'),
    ('SS', 'SSD', 'South Sudan', NULL, 'Republic of South Sudan'),
    ('ST', 'STP', 'Sao Tome and Principe', NULL, 'Democratic Republic of Sao Tome and Principe'),
    ('SV', 'SLV', 'El Salvador', NULL, 'Republic of El Salvador'),
    ('SX', 'SXM', 'Sint Maarten (Dutch part)', NULL, 'Sint Maarten (Dutch part)'),
    ('SY', 'SYR', 'Syria', 'Syrian Arab Republic', NULL),
    ('SZ', 'SWZ', 'Eswatini', NULL, 'Kingdom of Eswatini'),
    ('TC', 'TCA', 'Turks and Caicos Islands', NULL, NULL),
    ('TD', 'TCD', 'Chad', NULL, 'Republic of Chad'),
    ('TF', 'ATF', 'French Southern Territories', NULL, NULL),
    ('TG', 'TGO', 'Togo', NULL, 'Togolese Republic'),
    ('TH', 'THA', 'Thailand', NULL, 'Kingdom of Thailand'),
    ('TJ', 'TJK', 'Tajikistan', NULL, 'Republic of Tajikistan'),
    ('TK', 'TKL', 'Tokelau', NULL, NULL),
    ('TL', 'TLS', 'Timor-Leste', NULL, 'Democratic Republic of Timor-Leste'),
    ('TM', 'TKM', 'Turkmenistan', NULL, NULL),
    ('TN', 'TUN', 'Tunisia', NULL, 'Republic of Tunisia'),
    ('TO', 'TON', 'Tonga', NULL, 'Kingdom of Tonga'),
    ('TR', 'TUR', 'Türkiye', NULL, 'Republic of Türkiye'),
    ('TT', 'TTO', 'Trinidad and Tobago', NULL, 'Republic of Trinidad and Tobago'),
    ('TV', 'TUV', 'Tuvalu', NULL, NULL),
    ('TW', 'TWN', 'Taiwan', 'Taiwan, Province of China', 'Taiwan, Province of China'),
    ('TZ', 'TZA', 'Tanzania', 'Tanzania, United Republic of', 'United Republic of Tanzania'),
    ('UA', 'UKR', 'Ukraine', NULL, NULL),
    ('UG', 'UGA', 'Uganda', NULL, 'Republic of Uganda'),
    ('UM', 'UMI', 'United States Minor Outlying Islands', NULL, NULL),
    ('US', 'USA', 'United States', NULL, 'United States of America'),
    ('UY', 'URY', 'Uruguay', NULL, 'Eastern Republic of Uruguay'),
    ('UZ', 'UZB', 'Uzbekistan', NULL, 'Republic of Uzbekistan'),
    ('VA', 'VAT', 'Holy See (Vatican City State)', NULL, NULL),
    ('VC', 'VCT', 'Saint Vincent and the Grenadines', NULL, NULL),
    ('VE', 'VEN', 'Venezuela', 'Venezuela, Bolivarian Republic of', 'Bolivarian Republic of Venezuela'),
    ('VG', 'VGB', 'Virgin Islands, British', NULL, 'British Virgin Islands'),
    ('VI', 'VIR', 'Virgin Islands, U.S.', NULL, 'Virgin Islands of the United States'),
    ('VN', 'VNM', 'Vietnam', 'Viet Nam', 'Socialist Republic of Viet Nam'),
    ('VU', 'VUT', 'Vanuatu', NULL, 'Republic of Vanuatu'),
    ('WF', 'WLF', 'Wallis and Futuna', NULL, NULL),
    ('WS', 'WSM', 'Samoa', NULL, 'Independent State of Samoa'),
    ('YE', 'YEM', 'Yemen', NULL, 'Republic of Yemen'),
    ('YT', 'MYT', 'Mayotte', NULL, NULL),
    ('ZA', 'ZAF', 'South Africa', NULL, 'Republic of South Africa'),
    ('ZM', 'ZMB', 'Zambia', NULL, 'Republic of Zambia'),
    ('ZW', 'ZWE', 'Zimbabwe', NULL, 'Republic of Zimbabwe'),
    ('XK', NULL, 'Kosovo', NULL, 'Republic of Kosovo');

INSERT INTO country_aliases (alias, code) VALUES
    ('UK', 'GB'), ('Great Britain', 'GB'), ('Britain', 'GB'), ('England', 'GB'), ('Scotland', 'GB'), ('Wales', 'GB'),
    ('Northern Ireland', 'GB'), ('United States of America', 'US'), ('America', 'US'), ('Holland', 'NL'),
    ('The Netherlands', 'NL'), ('Nederland', 'NL'), ('België', 'BE'), ('Belgique', 'BE'), ('Belgien', 'BE'),
    ('Deutschland', 'DE'), ('Österreich', 'AT'), ('Schweiz', 'CH'), ('Suisse', 'CH'), ('Svizzera', 'CH'),
    ('España', 'ES'), ('Italia', 'IT'), ('Sverige', 'SE'), ('Norge', 'NO'), ('Danmark', 'DK'), ('Suomi', 'FI'),
    ('Polska', 'PL'), ('Česko', 'CZ'), ('Czech Republic', 'CZ'), ('Turkey', 'TR'), ('Russia', 'RU'),
    ('Korea', 'KR'), ('Republic of Korea', 'KR'), ('Brasil', 'BR'), ('México', 'MX'), ('Vietnam', 'VN'),
    ('Ivory Coast', 'CI'), ('Macedonia', 'MK'), ('Swaziland', 'SZ'), ('Cape Verde', 'CV'), ('Burma', 'MM'),
    ('Hellas', 'GR'), ('Éire', 'IE'), ('Nippon', 'JP'), ('Zhongguo', 'CN');
