-- Factdesk schema version 16 on SQLite: nothing changes. On PostgreSQL a
-- story's tsvector is kept in its row (see 0016/postgres.sql); the
-- version keeps the two backends' numbers as one.
SELECT 1;
