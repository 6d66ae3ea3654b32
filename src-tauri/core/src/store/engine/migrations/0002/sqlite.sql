-- Factdesk schema version 2: outlet aliases, web domains and notes.
-- aliases and domains are JSON arrays of strings.

ALTER TABLE outlets ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE outlets ADD COLUMN domains TEXT NOT NULL DEFAULT '[]';
ALTER TABLE outlets ADD COLUMN notes   TEXT NOT NULL DEFAULT '';
