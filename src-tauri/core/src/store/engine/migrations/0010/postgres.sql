-- Factdesk schema version 10 on PostgreSQL: the language a story is written
-- in (a BCP 47 tag; English for every story written before). The table's
-- grants and guard trigger cover the new column as they stand.

ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
