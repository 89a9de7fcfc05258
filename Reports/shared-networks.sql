-- name: shared-networks
-- description: For one institution, the other institutions that share a network with it on --as-of, and which networks; most shared first.
-- param: institution
--
-- institution: a key, name, short name or alias, in any letter case.
WITH
    chosen AS (
        SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE),
    -- The chosen institution's networks on --as-of.
    mine AS (
        SELECT network_id FROM membership_overview
        WHERE institution_id IN chosen AND :as_of BETWEEN member_from AND member_until),
    -- Every other current member of those networks, once per network.
    shared AS (
        SELECT DISTINCT m.institution_id, m.institution_key, m.institution_name, m.country_code,
               coalesce(m.network_acronym, m.network_name) AS network
        FROM membership_overview m
        WHERE m.network_id IN mine
          AND m.institution_id NOT IN chosen
          AND :as_of BETWEEN m.member_from AND m.member_until
        ORDER BY network)
SELECT
    institution_key AS key,
    institution_name AS institution,
    country_code AS country,
    count(*) AS shared,
    group_concat(network, ', ') AS networks
FROM shared
GROUP BY institution_id
ORDER BY shared DESC, institution, key;
