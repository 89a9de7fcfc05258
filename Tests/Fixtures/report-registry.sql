-- The registry the report, search and query tests run against: plain
-- INSERTs into a migrated registry, read with the fixed as-of 2026-03-01.
-- Small enough to know every expected row by heart:
--   institutions in NL, BE, DE, JP and CO, with aliases, a parent (MUMC+ is
--   part of UM), a CJK name and names with accents and commas;
--   three networks with members and roles, one membership ended, one future;
--   agreements of several kinds with two or three parties and full and partial
--   dates: one expired, one expiring within 90 days, one at the end of a
--   partial month, one without expiry, a draft, a terminated one, one not yet
--   in force;
--   news in English and Dutch sharing a story_key; two appointments.

INSERT INTO institutions (id, key, name, short_name, kind, country_code, city, parent_id, established) VALUES
    (1, 'um', 'Maastricht University', 'UM', 'university', 'NL', 'Maastricht', NULL, '1976'),
    (2, 'mumc', 'Maastricht University Medical Center+', 'MUMC+', 'university_medical_center', 'NL', 'Maastricht', 1, '2008-01'),
    (3, 'kuleuven', 'KU Leuven', NULL, 'university', 'BE', 'Leuven', NULL, '1425'),
    (4, 'uliege', 'Université de Liège', 'ULiège', 'university', 'BE', 'Liège', NULL, '1817'),
    (5, 'rwth', 'RWTH Aachen University', 'RWTH', 'university', 'DE', 'Aachen', NULL, '1870'),
    (6, 'kyoto', '京都大学', NULL, 'university', 'JP', 'Kyoto', NULL, '1897'),
    (7, 'uniandes', 'Universidad de los Andes, Bogotá', 'Uniandes', 'university', 'CO', 'Bogotá', NULL, '1948');

INSERT INTO institution_aliases (institution_id, alias, lang) VALUES
    (1, 'Universiteit Maastricht', 'nl'),
    (1, 'Rijksuniversiteit Limburg', 'nl'),
    (3, 'Katholieke Universiteit Leuven', 'nl'),
    (4, 'University of Liège', 'en'),
    (6, 'Kyoto University', 'en');

INSERT INTO networks (id, key, name, acronym, kind, scope, founded_on) VALUES
    (1, 'yerun', 'Young European Research Universities Network', 'YERUN', 'network', 'european', '2015'),
    (2, 'yufe', 'Young Universities for the Future of Europe', 'YUFE', 'alliance', 'european', '2019'),
    (3, 'wun', 'Worldwide Universities Network', 'WUN', 'network', 'global', '1996');

INSERT INTO memberships (network_id, institution_id, role, since, until) VALUES
    (1, 1, 'founding_member', '2015-12', NULL),
    (1, 4, 'member', '2016', NULL),
    (1, 5, 'member', '2017-03-01', '2023-12'),   -- left YERUN at the end of 2023
    (2, 1, 'coordinator', '2019', NULL),
    (2, 3, 'member', '2019-11-07', NULL),
    (2, 4, 'member', '2019', NULL),
    (3, 1, 'member', '2026-06', NULL),           -- joins WUN after the as-of date
    (3, 6, 'member', '2020', NULL),
    (3, 7, 'associate', '2021-05', NULL);

INSERT INTO agreements (id, key, title, kind, status, signed_on, effective_from, expires_on, topics, notes) VALUES
    (1, 'um-kuleuven-mou', 'Memorandum of Understanding on health research', 'mou', 'active',
        '2019-05-14', NULL, '2024-05-13', 'health', NULL),
    (2, 'dual-degree-europe', 'Dual degree in European law', 'dual_degree', 'active',
        '2021-09', '2021-09', '2026-05-15', 'law', 'Three universities award one double diploma.'),
    (3, 'um-kyoto-regen', 'Research collaboration on regenerative medicine', 'research_collaboration', 'active',
        '2023', NULL, '2026-06', 'regenerative medicine', 'Joint laboratory for stem cell research.'),
    (4, 'mumc-rwth-exchange', 'Exchange of medical students', 'exchange', 'active',
        '2022-02-01', NULL, NULL, 'mobility', NULL),
    (5, 'uliege-andes-water', 'Cooperation on "water", climate and health', 'cooperation_agreement', 'active',
        '2025-11-20', '2026-01', '2030', 'climate;health', 'Signed in Liège,
renewable every five years.'),
    (6, 'um-andes-draft', 'Draft student exchange, Maastricht–Bogotá', 'other', 'draft',
        NULL, NULL, NULL, NULL, NULL),
    (7, 'kuleuven-rwth-funding', 'Funding for joint PhD positions', 'funding', 'terminated',
        '2018', NULL, '2027', NULL, 'Ended early by mutual consent.'),
    (8, 'um-uliege-strategic', 'Strategic partnership in the Euregio', 'strategic_partnership', 'active',
        '2026-04-01', '2026-04', '2031-03-31', NULL, NULL);

INSERT INTO agreement_parties (agreement_id, institution_id, role) VALUES
    (1, 1, 'party'), (1, 3, 'party'),
    (2, 1, 'coordinator'), (2, 3, 'party'), (2, 4, 'party'),
    (3, 1, 'party'), (3, 6, 'party'),
    (4, 2, 'party'), (4, 5, 'party'),
    (5, 4, 'party'), (5, 7, 'party'),
    (6, 1, 'party'), (6, 7, 'party'),
    (7, 3, 'party'), (7, 5, 'funder'),
    (8, 1, 'party'), (8, 4, 'party');

INSERT INTO news_items (id, key, published_on, language, title, summary, story_key) VALUES
    (1, 'dual-degree-en', '2021-09-20', 'en', 'Maastricht, Leuven and Liège launch a dual degree in European law',
        'Students earn a double diploma from three universities.', 'dual-degree-2021'),
    (2, 'dual-degree-nl', '2021-09-20', 'nl', 'Maastricht, Leuven en Luik starten een dubbele graad in Europees recht',
        'Studenten behalen een dubbel diploma van drie universiteiten.', 'dual-degree-2021'),
    (3, 'kyoto-regen', '2023-06', 'en', 'Kyoto and Maastricht join forces on regenerative medicine',
        'A joint laboratory will study stem cells and tissue repair.', NULL),
    (4, 'yufe-selected', '2019-10-09', 'en', 'YUFE selected as a European University alliance',
        'The alliance of young universities, coordinated by Maastricht, wins funding.', NULL),
    (5, 'water-deal', '2025-11-21', 'en', 'Liège and Bogotá sign a water and climate agreement',
        'Research on water management, climate adaptation and public health.', NULL);

INSERT INTO news_agreements (news_item_id, agreement_id) VALUES (1, 2), (2, 2), (3, 3), (5, 5);
INSERT INTO news_institutions (news_item_id, institution_id) VALUES (1, 1), (1, 3), (1, 4), (2, 1), (2, 3), (2, 4), (4, 1);
INSERT INTO news_networks (news_item_id, network_id) VALUES (4, 2);

INSERT INTO appointments (person, institution_id, network_id, title, starts_on, ends_on, term_months, ends_on_derived) VALUES
    ('A. Jansen', 1, NULL, 'Rector Magnificus', '2023-06-01', NULL, NULL, 0),
    ('M. Dubois', NULL, 1, 'President', '2024-01', '2025-12', 24, 1);
