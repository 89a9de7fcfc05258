-- name: expiring
-- description: Agreements in force on --as-of that end within within_days days of it, soonest first; optionally for one institution or country.
-- param: within_days = 180
-- param: institution =
-- param: country =
--
-- An expiry known to the month or year ends on the last day of that month
-- or year (ends_on); days_left counts from --as-of.
SELECT
    a.expires_end AS ends_on,
    CAST(julianday(a.expires_end) - julianday(:as_of) AS INTEGER) AS days_left,
    a.key,
    a.title,
    a.kind,
    a.expires_on,
    a.parties
FROM agreement_overview a
WHERE a.expires_end BETWEEN :as_of AND date(:as_of, printf('%+d days', :within_days))
  AND :as_of BETWEEN a.in_force_from AND a.in_force_until
  -- The same agreements, as SQLite can find them in agreements_active_expiry
  -- (0007): only an active agreement is in force, and an expiry that ends
  -- in the range is written in the as-of year or later, and on or before
  -- the range's last day (migration 0011 says why).
  AND a.status = 'active'
  AND a.expires_on BETWEEN substr(:as_of, 1, 4) AND date(:as_of, printf('%+d days', :within_days))
  AND (:institution IS NULL OR EXISTS (
        SELECT 1 FROM agreement_parties p
        WHERE p.agreement_id = a.id
          AND p.institution_id IN (SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE)))
  AND (:country IS NULL OR EXISTS (
        SELECT 1 FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
        WHERE p.agreement_id = a.id
          AND i.country_code IN (SELECT code FROM country_lookup WHERE label = :country COLLATE NOCASE)))
ORDER BY a.expires_end, a.key;
