-- 0007_case_splits: split cases and the outlet an article names itself.
--
-- review_case_splits: a reviewer's split of a case (crates/store/src/case_split.rs):
--   the articles chosen (JSON array of article ids) left case `case_id` for
--   the new case `new_case`. What the reconciliation obeys on every rebuild
--   are the moves written with it (review_moves, each chosen article anchored
--   to the others); this table is the decision as taken, for the audit and
--   for listing a case's splits.
-- articles.outlet: the outlet's name as the article's metadata gives it
--   (HTML og:site_name, JSON-LD publisher, application-name; a feed's title;
--   a JSON Lines `outlet`/`source` field; a text `outlet:` header or
--   `--outlet`); NULL when none was given (the URL's site is used then).

CREATE TABLE review_case_splits (
    id           INTEGER PRIMARY KEY,
    case_id      TEXT NOT NULL,
    new_case     TEXT NOT NULL,
    articles     TEXT NOT NULL,
    at           TEXT NOT NULL,
    user         TEXT NOT NULL
);

ALTER TABLE articles ADD COLUMN outlet TEXT;
