-- How often the people index changed, kept by triggers (issue #12).
-- A store keeps the people of the surname blocks it has read in memory
-- between incremental rebuilds (rebuild_cache.rs, PersonCache): reading a
-- block from person_index for every new name cost time in proportion to
-- the block, and blocks grow with the store (about 230 rows a look-up and
-- 950 look-ups a rebuild of 1,000 generated articles at 190,000). The
-- cache is used only while this number is the one its own writes left, so
-- a write by anything else (another connection, a review, replacing the
-- case file) makes the next rebuild read the blocks again. Foreign-key
-- cascades fire these triggers too. Only the columns a look-up reads count.
CREATE TABLE person_index_version (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    version      INTEGER NOT NULL
);
INSERT INTO person_index_version (id, version) VALUES (1, 0);
CREATE TRIGGER person_index_inserted AFTER INSERT ON person_index BEGIN
    UPDATE person_index_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER person_index_deleted AFTER DELETE ON person_index BEGIN
    UPDATE person_index_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER person_index_updated
    AFTER UPDATE OF case_id, person_id, block, name, occupation, affiliation ON person_index BEGIN
    UPDATE person_index_version SET version = version + 1 WHERE id = 1;
END;
