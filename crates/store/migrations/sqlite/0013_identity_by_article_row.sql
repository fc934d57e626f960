-- 0013_identity_by_article_row: the identity rows are keyed by the article's
-- first row instead of its article id (issue #12, the cost of an increment
-- at 200,000 articles).
--
-- ident_mentions and ident_assertions hold the ids each mention and event
-- assertion had, so a rebuild keeps them (crates/store/src/rebuild.rs,
-- "Stable ids"). Keyed by the article id, text that follows no order of
-- arrival (a file stem, a feed item id), every new article's rows went to
-- random places of two large B-trees: at 190,000 generated articles an
-- increment of 1,000 changed about 2,500 of their pages (of 12,300), each
-- written to the log and then to the database. Keyed by `article`, the
-- smallest articles.id of the article id (articles are never deleted, so it
-- never changes; a re-ingested article keeps the first row's), new articles'
-- rows are appended at the end. Every look-up by article id goes through
-- articles_article_id: `article = (SELECT min(id) FROM articles WHERE
-- article_id = ?)`. Rows of an article id with no article row could not be
-- read and are not kept.

CREATE TABLE ident_mentions_new (
    kind         TEXT NOT NULL CHECK (kind IN ('person', 'org')),
    article      INTEGER NOT NULL,            -- min(articles.id) of the article id
    local_id     TEXT NOT NULL,               -- p1 / o1
    id           TEXT NOT NULL,               -- P12 / O3
    PRIMARY KEY (kind, article, local_id)
) WITHOUT ROWID;
INSERT INTO ident_mentions_new (kind, article, local_id, id)
    SELECT m.kind, f.first, m.local_id, m.id
    FROM ident_mentions m
    JOIN (SELECT article_id, min(id) AS first FROM articles GROUP BY article_id) f
      ON f.article_id = m.article_id;
DROP TABLE ident_mentions;
ALTER TABLE ident_mentions_new RENAME TO ident_mentions;
CREATE INDEX ident_mentions_id ON ident_mentions(kind, id);

CREATE TABLE ident_assertions_new (
    article      INTEGER NOT NULL,            -- min(articles.id) of the article id
    key          TEXT NOT NULL,               -- article#start#type#local
    entry_id     TEXT NOT NULL,
    PRIMARY KEY (article, key)
) WITHOUT ROWID;
INSERT INTO ident_assertions_new (article, key, entry_id)
    SELECT f.first, a.key, a.entry_id
    FROM ident_assertions a
    JOIN (SELECT article_id, min(id) AS first FROM articles GROUP BY article_id) f
      ON f.article_id = a.article_id;
DROP TABLE ident_assertions;
ALTER TABLE ident_assertions_new RENAME TO ident_assertions;
