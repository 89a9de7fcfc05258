-- 0009: three indexes of agreements made cheaper to build, with the same
-- readers reading the same entries (issue 7: building the indexes is the
-- largest part of a bulk import after the rows themselves).

-- 1. agreements_kind_status (0003) held every agreement, so that `overview`
--    could count them per kind and status from the index. The active ones
--    are also in agreements_party_set (0006: kind first, active only), which
--    `overview` now counts them from; this index keeps the others. At a
--    million agreements of which 37% are active, building it takes 0.42 s
--    instead of 0.7 s. (A count per kind and status over every agreement,
--    as in a user's own report, no longer has an index to read alone.)
DROP INDEX agreements_kind_status;
CREATE INDEX agreements_kind_status ON agreements (kind, status) WHERE status <> 'active';

-- 2. end-before-start (0006): the same agreements, with the year test on the
--    recorded text written as integer casts instead of substrings (the cast
--    of '2024-05-01' to an integer is 2024). SQLite evaluates the condition
--    for every agreement when it builds the index: 0.19 s instead of 0.28 s
--    at a million. The rule repeats the condition word for word.
DROP INDEX agreements_end_before_start;
CREATE INDEX agreements_end_before_start ON agreements (expires_on)
WHERE expires_on IS NOT NULL
  AND (CAST(expires_on AS INTEGER) <= CAST(signed_on AS INTEGER)
       OR CAST(expires_on AS INTEGER) <= CAST(effective_from AS INTEGER));

-- 3. retroactive (0006): the year test went before the exact one to spare
--    it, but costs more than it spares (the exact test implies it): 0.16 s
--    instead of 0.21-0.27 s at a million. The same agreements.
DROP INDEX agreements_retroactive;
CREATE INDEX agreements_retroactive ON agreements (effective_from, id, signed_on, key, title)
WHERE effective_from IS NOT NULL AND signed_on IS NOT NULL
  AND CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01'
          ELSE effective_from END
    < CASE length(signed_on) WHEN 4 THEN signed_on || '-12-31'
          WHEN 7 THEN date(signed_on || '-01', '+1 month', '-1 day') ELSE signed_on END;
