-- Undoes 0005: forgets what ROR said and the ROR relationships. The
-- institutions, their aliases, ror_id and ror_status (0004) stay as they are.
DROP TABLE institution_relations;
DROP TABLE institution_ror_values;
