-- Factdesk schema version 16 on PostgreSQL: a story's tsvector is kept in
-- its row, not in the TOAST table.
--
-- Ranking a search reads the tsvector of every match (ts_rank). Stored
-- out of line (the default for a value past 2 KB, and a story's is about
-- 4 KB compressed), each one cost a lookup in the TOAST index and the
-- chunks it was cut into: `kyiv` over 10,000 stories read 35,700 buffers
-- and took 50 ms on the server. Kept in the row (compressed; a tsvector
-- too large for a page still goes out of line), the text columns move
-- out instead, which only the marking of a page's few hits reads: 6,400
-- buffers, 18 ms.
ALTER TABLE story_search ALTER COLUMN doc SET STORAGE MAIN;
-- The storage applies to rows written from now on: write each row again
-- (the generated tsvector is made anew, as it was).
UPDATE story_search SET headline = headline;
