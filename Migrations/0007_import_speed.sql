-- 0007: cheaper indexes to build at the end of a bulk agreement import
-- (issue 7: at a million agreements the import spent about 7 of its 14 s
-- building the secondary indexes and the full-text index, then writing them
-- through the WAL). What each reader of these indexes gets is unchanged.

-- 1. The full-text index of agreements without its per-row sizes
--    (columnsize=0: no %_docsize table). bm25 needs each row's size in tokens;
--    FTS5 now counts them from the text of the few rows a search ranks
--    (`search` ranks at most RegistrySearch.rankingWindow of them), which gives
--    the same scores. At a million agreements filling the index takes 0.8 s
--    instead of 1.5 s, and a search 1-2 ms more.
--    news_search stays as 0003 made it: news items are few (tens of thousands
--    at most) and are imported row by row, so its size table costs little,
--    while a search ranks up to the same window of news rows.
--    The triggers of 0003 (agreements_search_insert, _delete, _update) name
--    the table and keep working with the new one.
DROP TABLE agreement_search;
CREATE VIRTUAL TABLE agreement_search USING fts5 (
    title, notes,
    content = 'agreements', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    columnsize = 0
);
-- As in 0003: a word in a title counts ten times one in the notes.
INSERT INTO agreement_search (agreement_search, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
-- FTS5 collects the terms of a transaction in memory and writes them out as
-- a new segment (to be merged later) each time they pass 'hashsize' bytes
-- (1 MiB by default). With 4 MiB, a bulk load of a million agreements writes
-- a quarter of the segments and merges less: the fill takes 0.65 s instead of
-- 0.87 s. (8 MiB: 0.60 s, but the import's peak memory went from 57 to 63 MiB,
-- too near its 64 MiB bound.)
INSERT INTO agreement_search (agreement_search, rank) VALUES ('hashsize', 4194304);
INSERT INTO agreement_search (agreement_search) VALUES ('rebuild');

-- 2. agreements_signed (0004) held what agreements_signed_start (0003, the
--    first day of signed_on) holds, in nearly the same order. The audit's
--    signed-in-future and before-established rules now read
--    agreements_signed_start; one index fewer to build (0.6 s at a million).
DROP INDEX agreements_signed;

-- 3. The audit's expired-but-active, expiring-soon and no-expiry rules read
--    only active agreements, through agreements_status_expires (0004, 0006),
--    which held every agreement. This one holds only the active ones, in the
--    order those rules report them, with what they report, so the index alone
--    answers them without a sort. SQLite uses a partial index only for a
--    query whose WHERE says `status = 'active'` in so many words (a bound
--    parameter does not do): the rules do. status is in the index too,
--    although every entry says 'active': the SQLite of Debian 12 (3.40) does
--    not count a partial index as covering when the query names a column that
--    only its WHERE mentions, and would look up every agreement in the table.
--    At a million agreements of which 37% are active: about a third of the
--    size and of the time to build.
DROP INDEX agreements_status_expires;
CREATE INDEX agreements_active_expiry ON agreements (expires_on, signed_on, id, key, title, status)
WHERE status = 'active';
