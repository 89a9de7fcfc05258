-- Undoes 0009: the three indexes as 0003 and 0006 made them.
DROP INDEX agreements_kind_status;
CREATE INDEX agreements_kind_status ON agreements (kind, status);
DROP INDEX agreements_end_before_start;
CREATE INDEX agreements_end_before_start ON agreements (expires_on)
WHERE expires_on IS NOT NULL
  AND (substr(expires_on, 1, 4) <= substr(signed_on, 1, 4)
       OR substr(expires_on, 1, 4) <= substr(effective_from, 1, 4));
DROP INDEX agreements_retroactive;
CREATE INDEX agreements_retroactive ON agreements (effective_from, id, signed_on, key, title)
WHERE effective_from IS NOT NULL AND signed_on IS NOT NULL
  AND substr(effective_from, 1, 4) <= substr(signed_on, 1, 4)
  AND CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01'
          ELSE effective_from END
    < CASE length(signed_on) WHEN 4 THEN signed_on || '-12-31'
          WHEN 7 THEN date(signed_on || '-01', '+1 month', '-1 day') ELSE signed_on END;
