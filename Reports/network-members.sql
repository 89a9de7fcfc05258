-- name: network-members
-- description: The members of one network on --as-of, with role, since and until; former = 1 lists former and future members too.
-- param: network
-- param: former = 0
--
-- network: a key, name or acronym, in any letter case.
SELECT
    m.institution_key AS key,
    m.institution_name AS institution,
    m.country_code AS country,
    m.role,
    m.since,
    m.until,
    CASE WHEN :as_of BETWEEN m.member_from AND m.member_until THEN 'yes' ELSE 'no' END AS current
FROM membership_overview m
WHERE m.network_id IN (SELECT network_id FROM network_lookup WHERE label = :network COLLATE NOCASE)
  AND (:former <> 0 OR :as_of BETWEEN m.member_from AND m.member_until)
ORDER BY m.institution_name, m.institution_key, m.role;
