-- Full-text rows of new articles and events are added by the store once per
-- batch (one INSERT … SELECT per index at the end of the batch's transaction)
-- instead of by a trigger per row. FTS5 writes its pending terms to disk at
-- every statement savepoint, so a trigger per row flushed the index once per
-- inserted article and event: a quarter of ingest CPU and a fragmented index.
-- Deletes and updates keep their triggers (they are rare).
DROP TRIGGER articles_fts_insert;
DROP TRIGGER events_fts_insert;
