-- Undoes 0011: the three date indexes as 0008 made them.
DROP INDEX agreements_signed_on;
DROP INDEX agreements_effective_from;
DROP INDEX agreements_expires_on;
CREATE INDEX agreements_signed_start ON agreements (
    CASE length(signed_on) WHEN 4 THEN signed_on || '-01-01' WHEN 7 THEN signed_on || '-01' ELSE signed_on END)
WHERE CASE length(signed_on) WHEN 4 THEN signed_on || '-01-01' WHEN 7 THEN signed_on || '-01' ELSE signed_on END
    IS NOT NULL;
CREATE INDEX agreements_effective_start ON agreements (
    CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01' ELSE effective_from END)
WHERE CASE length(effective_from) WHEN 4 THEN effective_from || '-01-01' WHEN 7 THEN effective_from || '-01' ELSE effective_from END
    IS NOT NULL;
CREATE INDEX agreements_expires_end ON agreements (
    CASE length(expires_on) WHEN 4 THEN expires_on || '-12-31' WHEN 7 THEN date(expires_on || '-01', '+1 month', '-1 day') ELSE expires_on END)
WHERE CASE length(expires_on) WHEN 4 THEN expires_on || '-12-31' WHEN 7 THEN date(expires_on || '-01', '+1 month', '-1 day') ELSE expires_on END
    IS NOT NULL;
