-- 0006_workflow: what a monitor's daily work reads and writes.
--
-- events.date_inferred: the record's `date_inferred` flag (a date taken from
--   a neighbouring event, the paragraph or the lede).
-- Case listing from stored summaries (no case JSON is decoded to list,
--   filter, sort or page cases; rows are rewritten with the case):
--   cases.country (ISO 3166-1 alpha-2, derived or a reviewer's), standing
--   (the most restrictive current status of its defendants) and its rank,
--   reviewed_count, id_number (c12 -> 12, for sorting), summary_version
--   (rows below crate::cases::SUMMARY_VERSION are re-derived on open);
--   case_entries: per timeline entry the fields the filters and the review queue read;
--   case_outlet_names: lower-cased outlet names (media organisations, affiliations, title);
--   person_status: the current status of each defendant (model::custody).
-- Reviewer decisions, re-applied on every rebuild:
--   review_status: a person's status set by a reviewer;
--   review_cases: a case's title and country set by a reviewer.

ALTER TABLE events ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1));

ALTER TABLE cases ADD COLUMN country TEXT;
ALTER TABLE cases ADD COLUMN standing TEXT;
ALTER TABLE cases ADD COLUMN standing_rank INTEGER NOT NULL DEFAULT 9;
ALTER TABLE cases ADD COLUMN reviewed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN id_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN summary_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_by_number ON cases(id_number);
CREATE INDEX cases_by_title ON cases(title COLLATE NOCASE, id_number);
CREATE INDEX cases_by_first ON cases(first_date, id_number);
CREATE INDEX cases_by_last ON cases(last_date, id_number);
CREATE INDEX cases_by_country ON cases(country, id_number);
CREATE INDEX cases_by_standing ON cases(standing_rank, id_number);
CREATE INDEX cases_by_events ON cases(event_count, id_number);
CREATE INDEX cases_by_sources ON cases(source_count, id_number);
CREATE INDEX cases_by_people ON cases(people_count, id_number);

CREATE TABLE case_entries (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    entry_id     TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    status       TEXT NOT NULL,
    review       TEXT NOT NULL,
    day_from     INTEGER,                     -- days from the common era, [day_from, day_to); NULL undated
    day_to       INTEGER,
    place        TEXT,                        -- lower case
    published    TEXT,                        -- latest publication date of its sources (review queue order)
    PRIMARY KEY (case_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX case_entries_type ON case_entries(event_type, case_id);
CREATE INDEX case_entries_queue ON case_entries(review, published);

CREATE TABLE case_outlet_names (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,               -- lower case
    PRIMARY KEY (case_id, name)
) WITHOUT ROWID;

CREATE TABLE person_status (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL,               -- model::Standing id
    since        TEXT,                        -- YYYY | YYYY-MM | YYYY-MM-DD
    term         TEXT,
    until        TEXT,
    entry        TEXT,                        -- timeline entry id
    as_of        TEXT,                        -- YYYY-MM-DD
    overridden   INTEGER NOT NULL DEFAULT 0 CHECK (overridden IN (0, 1)),
    note         TEXT,
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX person_status_status ON person_status(status);
CREATE INDEX person_status_person ON person_status(person_id);

CREATE TABLE review_status (
    person_id    TEXT PRIMARY KEY,
    status       TEXT NOT NULL,
    since        TEXT,
    term         TEXT,
    until        TEXT,
    note         TEXT,
    at           TEXT NOT NULL,
    user         TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE review_cases (
    case_id      TEXT PRIMARY KEY,
    title        TEXT,
    country      TEXT,
    at           TEXT NOT NULL,
    user         TEXT NOT NULL
) WITHOUT ROWID;

-- Feeds polled by `casewatch watch`: the validators of the last answer (for
-- conditional GET) and the items already fetched (by link or id).
CREATE TABLE feeds (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    checked_at     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE feed_items (
    feed         TEXT NOT NULL,
    item         TEXT NOT NULL,               -- the item's link, else its id
    article_id   TEXT,                        -- the stored article, when one was made
    fetched_at   TEXT NOT NULL,
    PRIMARY KEY (feed, item)
) WITHOUT ROWID;

-- The Atom feeds order entries by their latest source or review decision.
CREATE INDEX audit_log_target ON audit_log(target);

-- Timeline entries a reviewer added by hand (the whole entry as JSON, in the
-- case file's shape) and entries a reviewer merged; both re-applied after
-- every rebuild (crates/store/src/manual.rs).
CREATE TABLE review_added (
    entry_id     TEXT NOT NULL UNIQUE,
    case_id      TEXT NOT NULL,
    data         TEXT NOT NULL,
    at           TEXT NOT NULL,
    user         TEXT NOT NULL
);

CREATE TABLE review_entry_merges (
    merged       TEXT NOT NULL UNIQUE,
    keep         TEXT NOT NULL
);
