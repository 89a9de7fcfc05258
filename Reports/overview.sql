-- name: overview
-- description: What the registry holds: institutions, networks, memberships, agreements by kind and status, news by year and language, appointments.
--
-- One row per count: section, item, detail (agreements: the status; news:
-- the language) and count. Agreements per kind and status come from
-- agreement_tallies (migration 0010), which triggers keep up to date: a few
-- dozen rows to read, not a million. Each other total is its own
-- `SELECT count(*)`, which SQLite answers without reading every row.
SELECT section, item, detail, count
FROM (
    SELECT 1 AS part, 'institutions' AS section, 'all' AS item, NULL AS detail, (SELECT count(*) FROM institutions) AS count
    UNION ALL
    SELECT 2, 'networks', 'all', NULL, (SELECT count(*) FROM networks)
    UNION ALL
    SELECT 3, 'memberships', 'all', NULL, (SELECT count(*) FROM memberships)
    UNION ALL
    -- Every agreement has one kind and one status (both NOT NULL), so the
    -- counts per kind and status add up to all of them.
    SELECT 4, 'agreements', 'all', NULL, (SELECT coalesce(sum(count), 0) FROM agreement_tallies)
    UNION ALL
    SELECT 5, 'agreements', kind, status, count FROM agreement_tallies WHERE count > 0
    UNION ALL
    SELECT 6, 'news items', 'all', NULL, (SELECT count(*) FROM news_items)
    UNION ALL
    SELECT 7, 'news items', substr(published_on, 1, 4), language, count(*) FROM news_items
    GROUP BY substr(published_on, 1, 4), language
    UNION ALL
    SELECT 8, 'appointments', 'all', NULL, (SELECT count(*) FROM appointments)
)
ORDER BY part, item, detail;
