-- name: overview
-- description: What the registry holds: institutions, networks, memberships, agreements by kind and status, news by year and language, appointments.
--
-- One row per count: section, item, detail (agreements: the status; news:
-- the language) and count. Each other total is its own `SELECT count(*)`,
-- which SQLite answers without reading every row.
WITH RECURSIVE
    -- Agreements are counted per kind and status as index ranges (fast),
    -- not by grouping a million rows (slow). The active ones from
    -- agreements_party_set (kind first, active only: `status = 'active'` in
    -- so many words, or SQLite would not read that partial index), the
    -- others from agreements_kind_status (migration 0009: the agreements
    -- that are not active); the kinds, and the statuses of each kind, are
    -- found one seek each.
    active_kinds (kind) AS (
        SELECT min(kind) FROM agreements WHERE status = 'active'
        UNION ALL
        SELECT (SELECT min(kind) FROM agreements WHERE status = 'active' AND kind > active_kinds.kind)
        FROM active_kinds WHERE kind IS NOT NULL),
    other_kinds (kind) AS (
        SELECT min(kind) FROM agreements WHERE status <> 'active'
        UNION ALL
        SELECT (SELECT min(kind) FROM agreements WHERE status <> 'active' AND kind > other_kinds.kind)
        FROM other_kinds WHERE kind IS NOT NULL),
    other_statuses (kind, status) AS (
        SELECT kind, (SELECT min(status) FROM agreements a WHERE a.status <> 'active' AND a.kind = other_kinds.kind)
        FROM other_kinds WHERE kind IS NOT NULL
        UNION ALL
        SELECT kind, (SELECT min(status) FROM agreements a
                      WHERE a.status <> 'active' AND a.kind = other_statuses.kind AND a.status > other_statuses.status)
        FROM other_statuses WHERE status IS NOT NULL),
    agreement_counts (kind, status, count) AS MATERIALIZED (
        SELECT kind, 'active', (SELECT count(*) FROM agreements a WHERE a.status = 'active' AND a.kind = active_kinds.kind)
        FROM active_kinds WHERE kind IS NOT NULL
        UNION ALL
        SELECT kind, status, (SELECT count(*) FROM agreements a
                              WHERE a.status <> 'active' AND a.kind = other_statuses.kind AND a.status = other_statuses.status)
        FROM other_statuses WHERE status IS NOT NULL)
SELECT section, item, detail, count
FROM (
    SELECT 1 AS part, 'institutions' AS section, 'all' AS item, NULL AS detail, (SELECT count(*) FROM institutions) AS count
    UNION ALL
    SELECT 2, 'networks', 'all', NULL, (SELECT count(*) FROM networks)
    UNION ALL
    SELECT 3, 'memberships', 'all', NULL, (SELECT count(*) FROM memberships)
    UNION ALL
    -- Every agreement has one kind and one status (both NOT NULL), so the
    -- counts per kind and status add up to all of them: no index to read.
    SELECT 4, 'agreements', 'all', NULL, (SELECT coalesce(sum(count), 0) FROM agreement_counts)
    UNION ALL
    SELECT 5, 'agreements', kind, status, count FROM agreement_counts WHERE count > 0
    UNION ALL
    SELECT 6, 'news items', 'all', NULL, (SELECT count(*) FROM news_items)
    UNION ALL
    SELECT 7, 'news items', substr(published_on, 1, 4), language, count(*) FROM news_items
    GROUP BY substr(published_on, 1, 4), language
    UNION ALL
    SELECT 8, 'appointments', 'all', NULL, (SELECT count(*) FROM appointments)
)
ORDER BY part, item, detail;
