-- Factdesk schema version 12 on PostgreSQL: the wire (see 0012/sqlite.sql
-- for what each column holds). The registry's keepers (admins) choose the
-- feeds; every editor may pull them, which records the pull and adds items.

CREATE TABLE outlet_feeds (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outlet        TEXT    NOT NULL,
    url           TEXT    NOT NULL UNIQUE,
    added_at      TEXT    NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    pulled_at     TEXT,
    outcome       TEXT
);

CREATE TABLE wire_items (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url          TEXT    NOT NULL UNIQUE,
    outlet       TEXT    NOT NULL,
    feed_url     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    dated        BOOLEAN NOT NULL,
    seen_at      TEXT    NOT NULL
);
CREATE INDEX wire_items_by_published ON wire_items (published_at);

GRANT SELECT ON outlet_feeds, wire_items TO factdesk_writer;
GRANT UPDATE (etag, last_modified, pulled_at, outcome) ON outlet_feeds TO factdesk_writer;
GRANT INSERT, DELETE ON wire_items TO factdesk_writer;
GRANT INSERT, DELETE ON outlet_feeds TO factdesk_admin;
