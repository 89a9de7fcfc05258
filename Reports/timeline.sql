-- name: timeline
-- description: News items and agreement signings, start dates and expiries between from and to, in date order; optionally for one institution.
-- param: from =
-- param: to =
-- param: institution =
--
-- from and to: dates as YYYY-MM-DD, YYYY-MM or YYYY (to = 2025 means to the
-- end of 2025); by default the year up to --as-of. An event dated to a month
-- or year sorts at the start of it, an expiry at its end. institution: a
-- key, name, short name or alias.
--
-- :part and :parts (bound by the runner, not declared): the report runs as
-- :parts parts at once, one per core, part 0 to :parts - 1, each over its
-- share of the days; printed in turn they are the whole report.
WITH
    bounds (first_day, last_day) AS (
        SELECT
            coalesce(CASE length(:from) WHEN 4 THEN :from || '-01-01' WHEN 7 THEN :from || '-01' ELSE :from END,
                     date(:as_of, '-1 year', '+1 day')),
            coalesce(CASE length(:to) WHEN 4 THEN :to || '-12-31' WHEN 7 THEN date(:to || '-01', '+1 month', '-1 day') ELSE :to END,
                     :as_of)),
    -- This part's days: the part-th of :parts runs of consecutive days, so
    -- that the parts' rows follow one another in the order below.
    share (first_day, last_day) AS (
        SELECT date(first_day, printf('%+d days', days * :part / :parts)),
               date(first_day, printf('%+d days', days * (:part + 1) / :parts - 1))
        FROM (SELECT first_day, CAST(julianday(last_day) - julianday(first_day) AS INTEGER) + 1 AS days FROM bounds)),
    -- The same days as ranges of dates as written, which the indexes hold
    -- (migration 0011): a start on or after first_day is written on or
    -- after first_day, or its month or year where first_day begins one; an
    -- end on or after first_day is written in first_day's year or later;
    -- either on or before last_day is written on or before it.
    written (first_day, last_day, starts_from, ends_from) AS (
        SELECT first_day, last_day,
               CASE WHEN substr(first_day, 6) = '01-01' THEN substr(first_day, 1, 4)
                    WHEN substr(first_day, 9) = '01' THEN substr(first_day, 1, 7) ELSE first_day END,
               substr(first_day, 1, 4)
        FROM share),
    chosen AS (
        SELECT institution_id FROM institution_lookup WHERE label = :institution COLLATE NOCASE),
    -- The chosen institution's agreements (none needed without one).
    theirs AS (
        SELECT agreement_id FROM agreement_parties WHERE institution_id IN chosen),
    events (day, date, event, key, title, detail) AS (
        SELECT a.signed_start, a.signed_on, 'signed', a.key, a.title, a.kind
        FROM written b JOIN agreement_periods a ON a.signed_on BETWEEN b.starts_from AND b.last_day
                                           AND a.signed_start BETWEEN b.first_day AND b.last_day
        WHERE :institution IS NULL OR a.id IN theirs
        UNION ALL
        SELECT a.effective_start, a.effective_from, 'takes effect', a.key, a.title, a.kind
        FROM written b JOIN agreement_periods a ON a.effective_from BETWEEN b.starts_from AND b.last_day
                                           AND a.effective_start BETWEEN b.first_day AND b.last_day
        WHERE :institution IS NULL OR a.id IN theirs
        UNION ALL
        SELECT a.expires_end, a.expires_on, 'expires', a.key, a.title, a.kind
        FROM written b JOIN agreement_periods a ON a.expires_on BETWEEN b.ends_from AND b.last_day
                                           AND a.expires_end BETWEEN b.first_day AND b.last_day
        WHERE :institution IS NULL OR a.id IN theirs
        UNION ALL
        SELECT n.published_start, n.published_on, 'news', n.key, n.title, n.language
        FROM share b JOIN news_overview n ON n.published_start BETWEEN b.first_day AND b.last_day
        WHERE :institution IS NULL
           OR n.id IN (SELECT news_item_id FROM news_institutions WHERE institution_id IN chosen)
           OR n.id IN (SELECT news_item_id FROM news_agreements WHERE agreement_id IN theirs))
SELECT date, event, key, title, detail
FROM events
ORDER BY day, CASE event WHEN 'signed' THEN 1 WHEN 'takes effect' THEN 2 WHEN 'news' THEN 3 ELSE 4 END, key;
