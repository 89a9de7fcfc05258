-- name: institution
-- description: One institution's profile: names, parent and parts, networks, agreements, appointments and news.
-- param: institution
--
-- institution: a key, name, short name or alias, in any letter case. One
-- row per fact: section, name, detail, starts, ends. Agreements and news
-- come newest first.
WITH
    chosen (id) AS (
        SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE),
    facts (part, section, name, detail, starts, ends, newest) AS (
        SELECT 1, 'institution', i.name,
               i.key || ' · ' || i.kind || ' · ' || coalesce(i.city || ', ', '') || i.country_code,
               i.established, NULL, NULL
        FROM institutions i WHERE i.id IN chosen
        UNION ALL
        SELECT 2, 'short name', i.short_name, NULL, NULL, NULL, NULL
        FROM institutions i WHERE i.id IN chosen AND i.short_name IS NOT NULL
        UNION ALL
        SELECT 3, 'alias', a.alias, a.lang, NULL, NULL, NULL
        FROM institution_aliases a WHERE a.institution_id IN chosen
        UNION ALL
        SELECT 4, 'parent', p.name, p.key, NULL, NULL, NULL
        FROM institutions i JOIN institutions p ON p.id = i.parent_id WHERE i.id IN chosen
        UNION ALL
        SELECT 5, 'part', c.name, c.key, NULL, NULL, NULL
        FROM institutions c WHERE c.parent_id IN chosen
        UNION ALL
        SELECT 6, 'network', coalesce(m.network_acronym, m.network_name), m.role, m.since, m.until, NULL
        FROM membership_overview m WHERE m.institution_id IN chosen
        UNION ALL
        SELECT 7, 'agreement', a.title,
               a.key || ' · ' || a.kind || ' · ' ||
               CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN 'in force' ELSE a.status END ||
               coalesce(' · with ' || (
                   SELECT group_concat(o.name, '; ') FROM agreement_parties op JOIN institutions o ON o.id = op.institution_id
                   WHERE op.agreement_id = a.id AND op.institution_id NOT IN chosen), ''),
               a.signed_on, a.expires_on, a.signed_start
        FROM agreement_overview a
        WHERE a.id IN (SELECT agreement_id FROM agreement_parties WHERE institution_id IN chosen)
        UNION ALL
        SELECT 8, 'appointment', ap.title || ': ' || ap.person, NULL, ap.starts_on, ap.ends_on, ap.starts_on
        FROM appointments ap WHERE ap.institution_id IN chosen
        UNION ALL
        SELECT 9, 'news', n.title, n.language || ' · ' || n.key, n.published_on, NULL, n.published_start
        FROM news_overview n
        WHERE n.id IN (SELECT news_item_id FROM news_institutions WHERE institution_id IN chosen)
           OR n.id IN (SELECT news_item_id FROM news_agreements
                       WHERE agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE institution_id IN chosen)))
SELECT section, name, detail, starts, ends
FROM facts
ORDER BY part, newest DESC, name;
