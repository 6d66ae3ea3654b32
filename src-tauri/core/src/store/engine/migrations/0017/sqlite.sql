-- Factdesk schema version 17 on SQLite: nothing changes. On PostgreSQL a
-- story's tsvector is made by a trigger and may come with its row (see
-- 0017/postgres.sql); the version keeps the two backends' numbers as one.
SELECT 1;
