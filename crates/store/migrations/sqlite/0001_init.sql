-- 0001_init: the first schema of the casewatch SQLite store.
--
-- Articles and their extraction records are stored normalised (one row per
-- person, organisation, event, subject, charge), in the order the record lists
-- them (`position`), so a record reads back exactly as it was written.
-- Cases are derived data recomputed by the reconciler: each is kept as its JSON
-- plus summary columns for listing.
--
-- Constraints (a violation fails the whole insert batch / case replacement):
--   articles.sha256 UNIQUE and non-empty (duplicates are skipped, not errors);
--   people/organizations: record-local ids unique within their article;
--   events: 0 <= evidence_start <= evidence_end; an agent ref needs an agent name;
--   event_subjects.group_count >= 0; people.former is 0, 1 or NULL;
--   cases.id PRIMARY KEY (unique case ids), cases.position UNIQUE;
--   every child row references its parent (foreign keys, ON DELETE CASCADE).

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,          -- row id: insertion order
    article_id   TEXT NOT NULL,                -- ArticleMeta.id (file stem or feed id)
    source       TEXT NOT NULL,
    published    TEXT,                         -- YYYY-MM-DD
    title        TEXT,
    language     TEXT NOT NULL,
    sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) > 0),
    url          TEXT,
    body         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL                 -- RFC 3339, UTC
);
CREATE INDEX articles_article_id ON articles(article_id);

CREATE TABLE people (
    article      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    local_id     TEXT NOT NULL,                -- p1, p2, …
    name         TEXT NOT NULL,
    variants     TEXT NOT NULL,                -- JSON array of strings
    occupation   TEXT,
    affiliation  TEXT,
    former       INTEGER CHECK (former IN (0, 1)),
    rule         TEXT,
    PRIMARY KEY (article, position),
    UNIQUE (article, local_id)
) WITHOUT ROWID;

CREATE TABLE organizations (
    article      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    local_id     TEXT NOT NULL,                -- o1, o2, …
    name         TEXT NOT NULL,
    variants     TEXT NOT NULL,                -- JSON array of strings
    kind         TEXT NOT NULL,                -- taxonomy organisation kind
    rule         TEXT,
    PRIMARY KEY (article, position),
    UNIQUE (article, local_id)
) WITHOUT ROWID;

CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    article            INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,       -- evidence order within the article
    event_type         TEXT NOT NULL,          -- taxonomy id
    date               TEXT,                   -- YYYY | YYYY-MM | YYYY-MM-DD
    date_precision     TEXT,                   -- day | month | year (derived from date)
    date_qualifier     TEXT,
    date_text          TEXT,
    status             TEXT NOT NULL,
    attributed_to      TEXT,
    detail             TEXT,
    place              TEXT,
    agent_ref          TEXT,
    agent_name         TEXT,                   -- NULL = no agent
    rule               TEXT,
    evidence_start     INTEGER NOT NULL,       -- byte offsets into the body
    evidence_end       INTEGER NOT NULL,
    evidence_sentence  TEXT NOT NULL,
    UNIQUE (article, position),
    CHECK (evidence_start >= 0 AND evidence_start <= evidence_end),
    CHECK (agent_ref IS NULL OR agent_name IS NOT NULL)
);

CREATE TABLE event_subjects (
    event        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    ref          TEXT,
    name         TEXT,
    group_label  TEXT,
    group_count  INTEGER CHECK (group_count >= 0),
    PRIMARY KEY (event, position)
) WITHOUT ROWID;

CREATE TABLE charges (
    id             INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    label          TEXT NOT NULL,
    legal_article  TEXT,                       -- "Article 278"
    UNIQUE (article, position)
);

CREATE TABLE charge_subjects (
    charge       INTEGER NOT NULL REFERENCES charges(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    person       TEXT NOT NULL,                -- record-local person id
    PRIMARY KEY (charge, position)
) WITHOUT ROWID;

CREATE TABLE cases (
    id            TEXT PRIMARY KEY,
    position      INTEGER NOT NULL UNIQUE,     -- order given to replace_cases
    title         TEXT NOT NULL,
    people_count  INTEGER NOT NULL,
    event_count   INTEGER NOT NULL,
    first_date    TEXT,                        -- earliest dated timeline entry
    last_date     TEXT,                        -- latest dated timeline entry
    source_count  INTEGER NOT NULL,            -- distinct articles of the case
    data          TEXT NOT NULL                -- the Case as JSON (casefile.md shape)
);

-- Keyed by the article id text (not the row) so that a case names its
-- articles whatever order ingest and reconciliation ran in.
CREATE TABLE case_articles (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    article_id   TEXT NOT NULL,
    PRIMARY KEY (case_id, article_id)
) WITHOUT ROWID;
CREATE INDEX case_articles_article ON case_articles(article_id);

-- Full-text search: external-content FTS5 tables kept in sync by triggers.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    evidence_sentence,
    content = 'events', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO evidence_fts(rowid, evidence_sentence) VALUES (new.id, new.evidence_sentence);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, evidence_sentence)
        VALUES ('delete', old.id, old.evidence_sentence);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF evidence_sentence ON events BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, evidence_sentence)
        VALUES ('delete', old.id, old.evidence_sentence);
    INSERT INTO evidence_fts(rowid, evidence_sentence) VALUES (new.id, new.evidence_sentence);
END;
