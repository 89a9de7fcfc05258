-- Undoes 0003: removes the report views, the search indexes and their
-- triggers, the indexes for reports and the country names. No registry data
-- (institutions, agreements, news, ...) is touched.
DROP TRIGGER agreements_search_update;
DROP TRIGGER agreements_search_delete;
DROP TRIGGER agreements_search_insert;
DROP TRIGGER news_items_search_update;
DROP TRIGGER news_items_search_delete;
DROP TRIGGER news_items_search_insert;
DROP TABLE agreement_search;
DROP TABLE news_search;
DROP INDEX news_items_year_language;
DROP INDEX news_items_published_start;
DROP VIEW news_overview;
DROP VIEW membership_overview;
DROP VIEW agreement_overview;
DROP INDEX agreements_kind_status;
DROP INDEX agreements_expires_end;
DROP INDEX agreements_effective_start;
DROP INDEX agreements_signed_start;
DROP VIEW agreement_periods;
DROP VIEW network_lookup;
DROP INDEX institution_aliases_alias_nocase;
DROP INDEX institutions_short_name_nocase;
DROP INDEX institutions_name_nocase;
DROP INDEX institutions_key_nocase;
DROP VIEW institution_lookup;
DROP VIEW country_lookup;
DROP TABLE country_aliases;
DROP TABLE countries;
