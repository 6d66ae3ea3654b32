-- Factdesk schema version 10: the language a story is written in (a BCP 47
-- tag; English for every story written before), for its exports and for
-- spell checking as the editor types.

ALTER TABLE stories ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
