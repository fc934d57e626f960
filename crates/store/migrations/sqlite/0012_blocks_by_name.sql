-- The names of each person link key block, one row per (name, article),
-- kept by triggers on link_keys (issue #12).
-- The rebuild finds the articles a new mention can join among the block of
-- its surname key (rebuild_cache/links.rs, LinkBlock). A block keeps growing with
-- the store (about 570 articles a key at 190,000 generated articles), and
-- the first rebuild of a process read every block it touched whole: about
-- 340,000 rows and 40 MB of mention lists for 1,000 new articles, most of
-- that rebuild's time. With this table it reads a block's distinct names
-- (a skip scan of the primary key, about 60 a key there) and then only the
-- rows of the names that match a new mention.
-- `name` is the `name` field of a mention of link_keys.mentions (JSON, see
-- reconcile::LinkMention). Outlet keys have no mentions and so no rows.
CREATE TABLE link_names (
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    article      INTEGER NOT NULL,
    PRIMARY KEY (key, name, article)
) WITHOUT ROWID;
INSERT OR IGNORE INTO link_names (key, name, article)
    SELECT l.key, json_extract(m.value, '$.name'), l.article
    FROM link_keys l, json_each(l.mentions) m
    WHERE json_type(m.value, '$.name') = 'text';
CREATE TRIGGER link_keys_named AFTER INSERT ON link_keys BEGIN
    INSERT OR IGNORE INTO link_names (key, name, article)
        SELECT NEW.key, json_extract(m.value, '$.name'), NEW.article
        FROM json_each(NEW.mentions) m
        WHERE json_type(m.value, '$.name') = 'text';
END;
CREATE TRIGGER link_keys_unnamed AFTER DELETE ON link_keys BEGIN
    DELETE FROM link_names
    WHERE key = OLD.key AND article = OLD.article
      AND name IN (SELECT json_extract(m.value, '$.name') FROM json_each(OLD.mentions) m);
END;
CREATE TRIGGER link_keys_renamed AFTER UPDATE OF mentions ON link_keys BEGIN
    DELETE FROM link_names
    WHERE key = OLD.key AND article = OLD.article
      AND name IN (SELECT json_extract(m.value, '$.name') FROM json_each(OLD.mentions) m);
    INSERT OR IGNORE INTO link_names (key, name, article)
        SELECT NEW.key, json_extract(m.value, '$.name'), NEW.article
        FROM json_each(NEW.mentions) m
        WHERE json_type(m.value, '$.name') = 'text';
END;
-- The people of a surname block, read by name too (rebuild_cache/people.rs,
-- PersonCache): the covering index of migration 8 ordered a block's rows
-- by case; ordered by name, a block never read lists its distinct names
-- (a skip scan) and reads the rows of the names a look-up wants only.
-- Same columns, so the same cost to write.
DROP INDEX person_index_block_people;
CREATE INDEX person_index_block_names ON person_index(block, name, case_id, person_id, occupation, affiliation);
