-- 0014_block_name_lists: what a new process reads first, made small
-- (issue #12: the first incremental rebuild of a process, which is what one
-- `casewatch ingest` of 1,000 reports pays, cost about twice as much at
-- 190,000 generated articles as at 10,000).
--
-- 1. The distinct names of each link key block and each surname block of
--    the people index. A block never read is listed by its names
--    (crates/store/src/rebuild_cache/); a skip scan of link_names or of
--    person_index_block_names did one B-tree seek per distinct name, about
--    90,000 seeks in the first rebuild of 1,000 new articles at 190,000.
--    Listed here, a block's names are one range of one small table. Kept by
--    triggers: link_block_names holds exactly the (key, name) pairs of
--    link_names; person_block_names holds every (block, name) of
--    person_index and may hold a pair no row has any more (a row replaced by
--    `INSERT OR REPLACE` fires no delete trigger), which a look-up reads as a
--    name with no people. (The triggers test for the pair before inserting:
--    an `INSERT OR IGNORE` in a trigger takes the conflict policy of the
--    statement that fired it, and under the rebuild's `INSERT OR REPLACE`
--    would rewrite an unchanged row.)
-- 2. articles_rank: an article row's rank (publication date, article id) for
--    the neighbour step's namesake rule (crates/store/src/neighbours.rs),
--    which looks up the rank of every candidate of a mention naming no
--    outlet. Read from the table, each look-up read the leaf page of a whole
--    article row, body included; this covering index holds about 33 bytes a
--    row, in row order, so new rows are appended.
-- 3. cases_summary_version: opening a store counts the cases whose listing
--    rows an older version derived (crates/store/src/summary.rs, backfill).
--    Without an index that read every case row, 24–150 ms at 190,000 articles
--    on every command.

CREATE TABLE link_block_names (
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (key, name)
) WITHOUT ROWID;
INSERT OR IGNORE INTO link_block_names (key, name) SELECT DISTINCT key, name FROM link_names ORDER BY key, name;
CREATE TRIGGER link_names_listed AFTER INSERT ON link_names BEGIN
    INSERT INTO link_block_names (key, name) SELECT NEW.key, NEW.name
    WHERE NOT EXISTS (SELECT 1 FROM link_block_names WHERE key = NEW.key AND name = NEW.name);
END;
CREATE TRIGGER link_names_unlisted AFTER DELETE ON link_names BEGIN
    DELETE FROM link_block_names
    WHERE key = OLD.key AND name = OLD.name
      AND NOT EXISTS (SELECT 1 FROM link_names WHERE key = OLD.key AND name = OLD.name);
END;

CREATE TABLE person_block_names (
    block        TEXT NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (block, name)
) WITHOUT ROWID;
INSERT OR IGNORE INTO person_block_names (block, name)
    SELECT DISTINCT block, name FROM person_index ORDER BY block, name;
CREATE TRIGGER person_index_listed AFTER INSERT ON person_index BEGIN
    INSERT INTO person_block_names (block, name) SELECT NEW.block, NEW.name
    WHERE NOT EXISTS (SELECT 1 FROM person_block_names WHERE block = NEW.block AND name = NEW.name);
END;
CREATE TRIGGER person_index_relisted AFTER UPDATE OF block, name ON person_index BEGIN
    INSERT INTO person_block_names (block, name) SELECT NEW.block, NEW.name
    WHERE NOT EXISTS (SELECT 1 FROM person_block_names WHERE block = NEW.block AND name = NEW.name);
    DELETE FROM person_block_names
    WHERE block = OLD.block AND name = OLD.name
      AND NOT EXISTS (SELECT 1 FROM person_index INDEXED BY person_index_block_names
                      WHERE block = OLD.block AND name = OLD.name);
END;
CREATE TRIGGER person_index_unlisted AFTER DELETE ON person_index BEGIN
    DELETE FROM person_block_names
    WHERE block = OLD.block AND name = OLD.name
      AND NOT EXISTS (SELECT 1 FROM person_index INDEXED BY person_index_block_names
                      WHERE block = OLD.block AND name = OLD.name);
END;

CREATE INDEX articles_rank ON articles(id, published, article_id);

CREATE INDEX cases_summary_version ON cases(summary_version);
