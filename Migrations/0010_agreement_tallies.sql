-- 0010: the number of agreements of each kind and status, kept in a table of
-- its own by triggers, instead of counted from an index (issue 7).
--
-- `overview` counted agreements per kind and status from two indexes: the
-- active ones from agreements_party_set, the others from
-- agreements_kind_status (0009). That second index exists for `overview`
-- alone, and rebuilding it is one of the longest steps after a bulk import:
-- 0.45 s of sorting 600,000 entries that share a handful of values, at a
-- million agreements. Thirty counts kept up to date cost nothing to build.
--
-- A row per kind and status that has had agreements; a count may fall to 0
-- and stays (`overview` shows only counts above 0). The triggers keep it
-- exact for every write, from this program or any other (the sqlite3 shell,
-- Datasette), except inside a large import, which sets the insert trigger
-- aside like the search index's and adds its own counts before it commits
-- (`DeferredTallies`), in the same transaction.
CREATE TABLE agreement_tallies (
    kind   TEXT NOT NULL,
    status TEXT NOT NULL,
    count  INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (kind, status)
) STRICT, WITHOUT ROWID;

INSERT INTO agreement_tallies (kind, status, count)
SELECT kind, status, count(*) FROM agreements GROUP BY kind, status;

CREATE TRIGGER agreements_tally_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreement_tallies (kind, status, count) VALUES (new.kind, new.status, 1)
    ON CONFLICT (kind, status) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER agreements_tally_update AFTER UPDATE OF kind, status ON agreements
WHEN old.kind IS NOT new.kind OR old.status IS NOT new.status BEGIN
    UPDATE agreement_tallies SET count = count - 1 WHERE kind = old.kind AND status = old.status;
    INSERT INTO agreement_tallies (kind, status, count) VALUES (new.kind, new.status, 1)
    ON CONFLICT (kind, status) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER agreements_tally_delete AFTER DELETE ON agreements BEGIN
    UPDATE agreement_tallies SET count = count - 1 WHERE kind = old.kind AND status = old.status;
END;

DROP INDEX agreements_kind_status;
