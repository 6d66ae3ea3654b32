-- Factdesk schema version 14 on PostgreSQL: nothing changes. On SQLite the
-- search index stops keeping a copy of the text and facts and citations are
-- stored in their keys; a server's tables and its tsvector index are
-- already as they should be. The version keeps the two backends' numbers
-- as one.
SELECT 1;
