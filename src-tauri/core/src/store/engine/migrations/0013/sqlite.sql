-- Factdesk schema version 13: the list's sort by last publication.
-- Nothing changes on SQLite: NULL sorts below every value, so
-- stories_by_published (published_at DESC, id DESC) already lists never
-- published stories last. The version keeps the two backends' numbers as one.
SELECT 1;
