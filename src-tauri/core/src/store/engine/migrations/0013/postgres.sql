-- Factdesk schema version 13 on PostgreSQL: the list's sort by last
-- publication puts never published stories last (DESC NULLS LAST); the
-- index takes the same order, so a page is read from it instead of sorting
-- the whole desk (PostgreSQL's DESC index keeps NULLs first).

DROP INDEX stories_by_published;
CREATE INDEX stories_by_published ON stories (published_at DESC NULLS LAST, id DESC);
