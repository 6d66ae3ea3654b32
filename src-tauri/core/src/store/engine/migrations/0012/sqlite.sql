-- Factdesk schema version 12: the wire.
-- outlet_feeds: the feeds (RSS, Atom, JSON Feed) the desk pulls, each under
-- the registry name of the outlet that publishes it (by name, not by key:
-- restoring the registry must not take its feeds with it). etag and
-- last_modified are the last answer's validators for the next conditional
-- request; pulled_at and outcome say when it was last pulled and how it went
-- (one line for the editor).
-- wire_items: what the feeds brought, one row per article by its canonical
-- URL (the first feed to bring it names the outlet); published_at is the
-- item's own date, or when it was first seen when it gave none. Items older
-- than the desk's wire window are pruned on each pull.

CREATE TABLE outlet_feeds (
    id            INTEGER PRIMARY KEY,
    outlet        TEXT    NOT NULL,
    url           TEXT    NOT NULL UNIQUE,
    added_at      TEXT    NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    pulled_at     TEXT,
    outcome       TEXT
) STRICT;

CREATE TABLE wire_items (
    id           INTEGER PRIMARY KEY,
    url          TEXT    NOT NULL UNIQUE,
    outlet       TEXT    NOT NULL,
    feed_url     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    dated        INTEGER NOT NULL,
    seen_at      TEXT    NOT NULL
) STRICT;
CREATE INDEX wire_items_by_published ON wire_items (published_at);
