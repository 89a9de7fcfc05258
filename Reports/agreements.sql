-- name: agreements
-- description: Agreements with their parties and dates, newest first; filter by institution, country, kind, and in force on --as-of (yes or no).
-- param: institution =
-- param: country =
-- param: kind =
-- param: in_force =
--
-- institution: a key, name, short name or alias; country: a code or name;
-- both in any letter case. kind: mou, exchange, dual_degree, ... in_force:
-- yes (in force on --as-of) or no. Leave one out not to filter by it.
WITH
    chosen_institutions AS (
        SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE),
    chosen_countries AS (
        SELECT code FROM country_lookup WHERE label = :country COLLATE NOCASE),
    -- The agreements to look at: those of the institution when one is given
    -- (a few hundred at most), else those with a party in the country, else
    -- all. Each branch runs only when its condition on the parameters holds.
    candidates (id) AS (
        SELECT p.agreement_id FROM agreement_parties p
        WHERE :institution IS NOT NULL AND p.institution_id IN chosen_institutions
        UNION
        SELECT p.agreement_id FROM institutions i JOIN agreement_parties p ON p.institution_id = i.id
        WHERE :institution IS NULL AND :country IS NOT NULL AND i.country_code IN chosen_countries
        UNION
        SELECT id FROM agreements WHERE :institution IS NULL AND :country IS NULL)
SELECT
    a.key,
    a.title,
    a.kind,
    a.status,
    a.signed_on,
    a.effective_from,
    a.expires_on,
    CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN 'yes' ELSE 'no' END AS in_force,
    a.parties
FROM agreement_overview a
WHERE a.id IN candidates
  AND (:country IS NULL OR EXISTS (
        SELECT 1 FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
        WHERE p.agreement_id = a.id AND i.country_code IN chosen_countries))
  AND (:kind IS NULL OR a.kind = lower(:kind))
  AND (:in_force IS NULL
       OR lower(:in_force) = CASE WHEN :as_of BETWEEN a.in_force_from AND a.in_force_until THEN 'yes' ELSE 'no' END)
ORDER BY a.signed_start DESC NULLS LAST, a.key;
