-- 0009_slim_storage: the store keeps each fact once, and bodies deflated
-- (issue #12, the database size against the text it holds).
--
--   articles.body may be a BLOB: the raw deflate stream of the text (new rows
--     whose text deflates well, see crates/store/src/body.rs); everything reads
--     it through the SQL function casewatch_body(body), which the store defines
--     on each connection. The view article_text is the content table of
--     article_fts, so search snippets read the inflated text. Rows stored
--     before stay TEXT, which casewatch_body returns as it is.
--   events.evidence_sentence is dropped: it was always the body's bytes
--     [evidence_start, evidence_end) (byte offsets; the store refuses a record
--     where it is not), so the view event_evidence derives it with
--     casewatch_span (which inflates only the head of a deflated body), and
--     evidence_fts indexes that view (an external-content FTS5 table may name
--     a view); the store adds a batch's evidence from the records it inserts. Articles and events are never updated; a
--     delete removes the full-text rows first (BEFORE triggers, while the
--     article's body can still be read).
--   ident_assertions is keyed by (article_id, key): every look-up is by
--     article, and a key starts with its article id, so the separate index on
--     article_id is gone.
--   person_links holds one column per field instead of a JSON object per link.

DROP TRIGGER IF EXISTS articles_fts_delete;
DROP TRIGGER IF EXISTS articles_fts_update;
DROP TABLE article_fts;
CREATE VIEW article_text AS
    SELECT id, title, casewatch_body(body) AS body FROM articles;
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body,
    content = 'article_text', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO article_fts(article_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, casewatch_body(old.body));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, casewatch_body(old.body));
    INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, casewatch_body(new.body));
END;

DROP TRIGGER IF EXISTS events_fts_delete;
DROP TRIGGER IF EXISTS events_fts_update;
DROP TABLE evidence_fts;
ALTER TABLE events DROP COLUMN evidence_sentence;

CREATE VIEW event_evidence AS
    SELECT e.id AS id,
           casewatch_span(a.body, e.evidence_start, e.evidence_end) AS evidence_sentence
    FROM events e JOIN articles a ON a.id = e.article;

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    evidence_sentence,
    content = 'event_evidence', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild');

CREATE TRIGGER events_fts_delete BEFORE DELETE ON events BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, evidence_sentence)
        SELECT 'delete', id, evidence_sentence FROM event_evidence WHERE id = old.id;
END;
CREATE TRIGGER articles_evidence_fts_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, evidence_sentence)
        SELECT 'delete', v.id, v.evidence_sentence
        FROM events e JOIN event_evidence v ON v.id = e.id
        WHERE e.article = old.id;
END;

CREATE TABLE ident_assertions_new (
    article_id   TEXT NOT NULL,
    key          TEXT NOT NULL,               -- article#start#type#local
    entry_id     TEXT NOT NULL,
    PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
INSERT INTO ident_assertions_new (article_id, key, entry_id)
    SELECT article_id, key, entry_id FROM ident_assertions;
DROP TABLE ident_assertions;
ALTER TABLE ident_assertions_new RENAME TO ident_assertions;

CREATE TABLE person_links_new (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL,
    position     INTEGER NOT NULL,
    a_article    TEXT NOT NULL,               -- the first mention: article id,
    a_person     TEXT NOT NULL,               --   record-local person id,
    a_name       TEXT NOT NULL,               --   name as the article gives it
    b_article    TEXT NOT NULL,               -- the second mention, likewise
    b_person     TEXT NOT NULL,
    b_name       TEXT NOT NULL,
    rule         TEXT NOT NULL,               -- reconcile::PersonLink::rule
    score        REAL NOT NULL,
    PRIMARY KEY (case_id, person_id, position)
) WITHOUT ROWID;
INSERT INTO person_links_new
    SELECT case_id, person_id, position,
           json_extract(data, '$.a.article'), json_extract(data, '$.a.person'), json_extract(data, '$.a_name'),
           json_extract(data, '$.b.article'), json_extract(data, '$.b.person'), json_extract(data, '$.b_name'),
           json_extract(data, '$.rule'), json_extract(data, '$.score')
    FROM person_links;
DROP TABLE person_links;
ALTER TABLE person_links_new RENAME TO person_links;
