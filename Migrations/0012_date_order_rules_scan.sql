-- 0012: the audit's end-before-start and retroactive rules read the
-- agreements table instead of an index each (issue 7: an import of a million
-- agreements must take at most 3 times the sqlite3 shell's .import).
--
-- agreements_end_before_start and agreements_retroactive (0006, 0009) held
-- only the agreements whose own dates may disagree, a few per cent of them,
-- but a large import builds every index anew at its end (AgreementBulkLoad),
-- and SQLite reads the whole table to build each: the two builds, their
-- pages in the WAL and their checkpoint made a 1M import 0.4-0.7 s slower
-- (five alternating pairs on a 2-core machine: 7.32-8.55 s with them,
-- 6.86-7.16 s without). Each rule now reads the table once, on its own
-- thread, and sorts what it finds: the full audit at a million agreements
-- takes 0.97-1.03 s instead of 0.85-0.93 s, with the same findings, byte
-- for byte (target: under 2 s). Kept up row by row during the import
-- instead, the two indexes cost more than their builds (+0.6 s of rows).
DROP INDEX agreements_end_before_start;
DROP INDEX agreements_retroactive;
