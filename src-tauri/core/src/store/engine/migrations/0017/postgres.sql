-- Factdesk schema version 17 on PostgreSQL: a story's tsvector is made by
-- a function, and may be made before its row is written.
--
-- Making the tsvectors is over half of copying a desk onto a server (some
-- 5 s of CPU for 10,000 stories), and a generated column makes each one in
-- the backend that writes the row, one after another. As a plain column
-- filled by a trigger, a copy can have them made on a second connection
-- while the first writes the rest, and hand them over with the rows.
--
-- * factdesk_search_doc is the one definition of a story's tsvector (the
--   expression of the generated column it replaces, unchanged: parsed once
--   here, so the configuration is the one this schema made).
-- * A row's tsvector is made by the trigger from its text, unless the row
--   comes with one: on INSERT a doc given is kept; on UPDATE it is made
--   again unless the UPDATE sets a new one.
-- * Only the tables' owner may give one (the copy runs as the owner): the
--   writers' grants on story_search name every column but doc, so a
--   tsvector that does not say what the story says cannot come from them.
-- * The rows stay as they are: dropping the expression keeps each stored
--   tsvector, and the column keeps its storage (in the row, version 16).

CREATE FUNCTION factdesk_search_doc(headline TEXT, summary TEXT, facts TEXT, narratives TEXT,
                                    predictions TEXT, sources TEXT, articles TEXT)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector('factdesk'::regconfig, left(headline, 500000)), 'A')
    || setweight(to_tsvector('factdesk'::regconfig, left(summary, 500000)), 'B')
    || setweight(to_tsvector('factdesk'::regconfig, left(facts, 500000)), 'C')
    || setweight(to_tsvector('factdesk'::regconfig, left(narratives, 500000)), 'C')
    || setweight(to_tsvector('factdesk'::regconfig, left(predictions, 500000)), 'C')
    || setweight(to_tsvector('factdesk'::regconfig, left(sources, 500000)), 'C')
    || setweight(to_tsvector('factdesk'::regconfig, left(articles, 500000)), 'D');

ALTER TABLE story_search ALTER COLUMN doc DROP EXPRESSION;

CREATE FUNCTION factdesk_search_doc_made() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.doc IS NULL OR (TG_OP = 'UPDATE' AND NEW.doc IS NOT DISTINCT FROM OLD.doc) THEN
        NEW.doc := public.factdesk_search_doc(NEW.headline, NEW.summary, NEW.facts, NEW.narratives,
                                              NEW.predictions, NEW.sources, NEW.articles);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER story_search_doc BEFORE INSERT OR UPDATE ON story_search
    FOR EACH ROW EXECUTE FUNCTION factdesk_search_doc_made();
-- Every row has one (the trigger runs before the check).
ALTER TABLE story_search ALTER COLUMN doc SET NOT NULL;

REVOKE INSERT, UPDATE ON story_search FROM factdesk_writer;
GRANT INSERT (story_id, headline, summary, facts, narratives, predictions, sources, articles),
      UPDATE (headline, summary, facts, narratives, predictions, sources, articles)
    ON story_search TO factdesk_writer;
