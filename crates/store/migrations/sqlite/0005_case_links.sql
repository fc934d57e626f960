-- 0005_case_links: what relates cases without merging them, and reviewers' roles.
--
--   person_index.role: the person's role in that case (defendant, lawyer, …);
--     cases sharing a person id are related ("shares X: lawyer here, defendant there").
--   case_outlets: per case, the outlets it concerns (a prosecuted outlet, or
--     a defendant's outlet), by folded key; cases sharing one are related.
--   review_roles: a reviewer's role for a person in a case, re-applied on every rebuild.
-- Stores made before this migration fill the new columns and tables on their
-- next rebuild (`casewatch ingest` of anything new, or a review).

ALTER TABLE person_index ADD COLUMN role TEXT NOT NULL DEFAULT '';

CREATE TABLE case_outlets (
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,               -- folded outlet name without a leading "the"
    name         TEXT NOT NULL,
    PRIMARY KEY (case_id, key)
) WITHOUT ROWID;
CREATE INDEX case_outlets_key ON case_outlets(key);

CREATE TABLE review_roles (
    case_id      TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    role         TEXT NOT NULL,               -- casefile.md role id
    at           TEXT NOT NULL,               -- RFC 3339, UTC
    user         TEXT NOT NULL,
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
