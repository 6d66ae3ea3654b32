-- Factdesk schema version 3: a story's global identity (a UUID), the stable
-- URI of its exports. Existing stories get a random version-4 UUID.

ALTER TABLE stories ADD COLUMN uid TEXT NOT NULL DEFAULT '';

UPDATE stories SET uid = lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))
) WHERE uid = '';
