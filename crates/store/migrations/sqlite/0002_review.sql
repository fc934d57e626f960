-- 0002_review: stable ids, incremental case rebuilds, reviewer decisions and the audit log.
--
-- Identity (how ids stay stable; see crates/store/src/rebuild.rs):
--   ident_mentions: the person/organisation id each mention (article id,
--     record-local id) had at the last rebuild;
--   ident_assertions: the timeline-entry id each assertion key
--     (article#start#type#local) had;
--   org_index: one organisation id per identity key, store-wide;
--   id_aliases: ids that were merged into another (old → new);
--   id_counters: the last number given out per kind (c, P, O, E); never reused.
-- Incremental rebuilds:
--   articles.keyed: 0 until the article's link keys are stored and its
--     cases rebuilt (so a rebuild picks up exactly the new articles);
--   link_keys: the keys by which an article can join others into a case;
--   person_index / entry_index: where each person / entry lives now.
-- Review (current state; the history is audit_log):
--   review_entries: per timeline entry, the reviewer's state and pinned values;
--   review_merges / review_splits / review_moves: decisions the
--     reconciliation obeys on every rebuild; person_pins: mentions a merge
--     tied to a person id.
-- audit_log: append-only (UPDATE and DELETE are refused by triggers).

ALTER TABLE articles ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK (keyed IN (0, 1));
CREATE INDEX articles_unkeyed ON articles(id) WHERE keyed = 0;

ALTER TABLE cases ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';   -- "YYYY-MM-DD|smallest article id"
CREATE INDEX cases_order ON cases(sort_key, position);

CREATE TABLE link_keys (
    key          TEXT NOT NULL,               -- person:<folded surname> | outlet:<outlet>|<charge>
    article      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    exhaustive   INTEGER NOT NULL CHECK (exhaustive IN (0, 1)),
    mentions     TEXT NOT NULL DEFAULT '[]',  -- JSON: reconcile::LinkMention of a person block
    context      TEXT NOT NULL DEFAULT '[]',  -- JSON: folded surnames of everyone the article names
    PRIMARY KEY (key, article)
) WITHOUT ROWID;
CREATE INDEX link_keys_article ON link_keys(article);

CREATE TABLE ident_mentions (
    kind         TEXT NOT NULL CHECK (kind IN ('person', 'org')),
    article_id   TEXT NOT NULL,
    local_id     TEXT NOT NULL,               -- p1 / o1
    id           TEXT NOT NULL,               -- P12 / O3
    PRIMARY KEY (kind, article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX ident_mentions_id ON ident_mentions(kind, id);

CREATE TABLE ident_assertions (
    key          TEXT PRIMARY KEY,            -- article#start#type#local
    article_id   TEXT NOT NULL,
    entry_id     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ident_assertions_article ON ident_assertions(article_id);

CREATE TABLE org_index (
    key          TEXT PRIMARY KEY,            -- organisation identity key
    org_id       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE id_aliases (
    kind         TEXT NOT NULL CHECK (kind IN ('case', 'person', 'org', 'event')),
    old_id       TEXT NOT NULL,
    new_id       TEXT NOT NULL,
    PRIMARY KEY (kind, old_id)
) WITHOUT ROWID;

CREATE TABLE id_counters (
    kind         TEXT PRIMARY KEY CHECK (kind IN ('case', 'person', 'org', 'event')),
    last         INTEGER NOT NULL CHECK (last >= 0)
) WITHOUT ROWID;

CREATE TABLE person_index (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL,
    block        TEXT NOT NULL,               -- folded surname (blocking key)
    name         TEXT NOT NULL,
    occupation   TEXT,
    affiliation  TEXT,
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX person_index_block ON person_index(block);
CREATE INDEX person_index_person ON person_index(person_id);

CREATE TABLE person_links (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL,
    position     INTEGER NOT NULL,
    data         TEXT NOT NULL,               -- reconcile::PersonLink as JSON (reason and score)
    PRIMARY KEY (case_id, person_id, position)
) WITHOUT ROWID;

CREATE TABLE entry_index (
    entry_id     TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX entry_index_case ON entry_index(case_id);

CREATE TABLE reconcile_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    data         TEXT NOT NULL                -- reconcile::Settings as JSON
);

CREATE TABLE review_entries (
    entry_id     TEXT PRIMARY KEY,
    state        TEXT NOT NULL CHECK (state IN ('confirmed', 'edited', 'rejected')),
    pins         TEXT NOT NULL,               -- JSON object: the fields the reviewer fixed
    at           TEXT NOT NULL,               -- RFC 3339, UTC
    user         TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE review_merges (
    id           INTEGER PRIMARY KEY,
    keep         TEXT NOT NULL,
    merged       TEXT NOT NULL,
    mentions     TEXT NOT NULL                -- JSON array of {article, person}: one person within a case
);

-- Mentions tied to a person id by a merge (the person holding one takes the
-- id, in whichever case it is); a split removes the mentions it splits off.
CREATE TABLE person_pins (
    article_id   TEXT NOT NULL,
    local_id     TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;

CREATE TABLE review_splits (
    id           INTEGER PRIMARY KEY,
    person       TEXT NOT NULL,
    variants     TEXT NOT NULL,               -- JSON array of names
    anchors      TEXT NOT NULL                -- JSON array of {article, person}
);

CREATE TABLE review_moves (
    article_id   TEXT PRIMARY KEY,
    to_case      TEXT NOT NULL,
    anchors      TEXT NOT NULL                -- JSON array of article ids
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,               -- RFC 3339, UTC
    user         TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL,
    case_id      TEXT,                        -- the case the action is about, if any
    cases        TEXT NOT NULL DEFAULT '',    -- every case involved, space-separated
    before       TEXT NOT NULL,               -- JSON
    after        TEXT NOT NULL,               -- JSON
    note         TEXT
);
CREATE INDEX audit_log_case ON audit_log(case_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
