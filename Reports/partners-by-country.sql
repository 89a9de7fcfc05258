-- name: partners-by-country
-- description: Per country: how many partner institutions, agreements, and agreements in force on --as-of; for one institution's partners, or for all parties.
-- param: institution =
-- param: country =
--
-- With institution, its partners are the other parties of its agreements;
-- without, every party of every agreement counts. country keeps one country
-- (a code or name, any letter case). Of the three SELECTs below only the one
-- whose condition on :institution and :country holds reads anything.
WITH
    chosen AS (
        SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE),
    chosen_countries AS (
        SELECT code FROM country_lookup WHERE label = :country COLLATE NOCASE),
    counts (country, partners, agreements, in_force) AS (
        SELECT
            i.country_code,
            count(DISTINCT other.institution_id),
            count(DISTINCT a.id),
            count(DISTINCT CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN a.id END)
        FROM agreement_parties mine
        JOIN agreement_overview a ON a.id = mine.agreement_id
        JOIN agreement_parties other ON other.agreement_id = mine.agreement_id
        JOIN institutions i ON i.id = other.institution_id
        WHERE :institution IS NOT NULL
          AND mine.institution_id IN chosen
          AND other.institution_id NOT IN chosen
          AND (:country IS NULL OR i.country_code IN chosen_countries)
        GROUP BY i.country_code
        UNION ALL
        -- One country: its agreements are looked up once each, in id order,
        -- from the list of its institutions' agreements (no DISTINCT over
        -- every party row of a large country).
        SELECT
            c.code,
            (SELECT count(*) FROM institutions i
             WHERE i.country_code = c.code
               AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.institution_id = i.id)),
            count(*),
            count(CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN 1 END)
        FROM countries c
        JOIN agreement_overview a ON a.id IN (
            SELECT p.agreement_id FROM institutions i JOIN agreement_parties p ON p.institution_id = i.id
            WHERE i.country_code = c.code)
        WHERE :institution IS NULL
          AND c.code IN chosen_countries
        GROUP BY c.code
        UNION ALL
        -- Every country: every party of every agreement.
        SELECT
            i.country_code,
            count(DISTINCT p.institution_id),
            count(DISTINCT a.id),
            count(DISTINCT CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN a.id END)
        FROM institutions i
        JOIN agreement_parties p ON p.institution_id = i.id
        JOIN agreement_overview a ON a.id = p.agreement_id
        WHERE :institution IS NULL
          AND :country IS NULL
        GROUP BY i.country_code)
SELECT counts.country, c.name AS country_name, partners, agreements, in_force
FROM counts LEFT JOIN countries c ON c.code = counts.country
ORDER BY agreements DESC, counts.country;
