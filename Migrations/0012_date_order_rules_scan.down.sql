-- Undoes 0012: the two partial indexes as 0009 made them.
CREATE INDEX agreements_end_before_start ON agreements (expires_on)
WHERE expires_on IS NOT NULL
  AND (CAST(expires_on AS INTEGER) <= CAST(signed_on AS INTEGER)
       OR CAST(expires_on AS INTEGER) <= CAST(effective_from AS INTEGER));
CREATE INDEX agreements_retroactive ON agreements (effective_from, id, signed_on, key, title)
WHERE effective_from IS NOT NULL AND signed_on IS NOT NULL
  AND CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01'
          ELSE effective_from END
    < CASE length(signed_on) WHEN 4 THEN signed_on || '-12-31'
          WHEN 7 THEN date(signed_on || '-01', '+1 month', '-1 day') ELSE signed_on END;
