-- Undoes 0001: removes every table of the registry, and its data.
DROP TABLE appointments;
DROP TABLE news_networks;
DROP TABLE news_institutions;
DROP TABLE news_agreements;
DROP TABLE news_items;
DROP TABLE agreement_parties;
DROP TABLE agreements;
DROP TABLE memberships;
DROP TABLE networks;
DROP TABLE institution_aliases;
DROP TABLE institutions;
