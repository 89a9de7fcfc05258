-- name: partners-by-country
-- description: Per country: how many partner institutions, agreements, and agreements in force on --as-of; for one institution's partners, or for all parties.
-- param: institution =
-- param: country =
--
-- With institution, its partners are the other parties of its agreements;
-- without, every party of every agreement counts. country keeps one country
-- (a code or name, any letter case).
WITH
    chosen AS (
        SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE),
    chosen_countries AS (
        SELECT code FROM country_lookup WHERE label = :country COLLATE NOCASE),
    -- (agreement, partner) pairs. Each branch runs only when its condition
    -- on the parameters holds; a country narrows the second from the start.
    pairs (agreement_id, partner_id) AS (
        SELECT mine.agreement_id, other.institution_id
        FROM agreement_parties mine
        JOIN agreement_parties other ON other.agreement_id = mine.agreement_id
        WHERE :institution IS NOT NULL
          AND mine.institution_id IN chosen
          AND other.institution_id NOT IN chosen
        UNION ALL
        SELECT p.agreement_id, p.institution_id
        FROM institutions i JOIN agreement_parties p ON p.institution_id = i.id
        WHERE :institution IS NULL
          AND (:country IS NULL OR i.country_code IN chosen_countries))
SELECT
    i.country_code AS country,
    c.name AS country_name,
    count(DISTINCT pairs.partner_id) AS partners,
    count(DISTINCT pairs.agreement_id) AS agreements,
    count(DISTINCT CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN a.id END) AS in_force
FROM pairs
JOIN institutions i ON i.id = pairs.partner_id
JOIN agreement_overview a ON a.id = pairs.agreement_id
LEFT JOIN countries c ON c.code = i.country_code
WHERE :country IS NULL OR i.country_code IN chosen_countries
GROUP BY i.country_code
ORDER BY agreements DESC, i.country_code;
