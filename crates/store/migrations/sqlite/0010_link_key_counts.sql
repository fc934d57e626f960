-- The number of articles of each link key, kept by triggers (issue #12).
-- The rebuild checks that its cached copy of a person block is current by
-- the block's article count and largest article; counting the block's rows
-- on every batch read the whole block (a thousand index entries per key at
-- 200,000 generated articles, most of the rebuild's block look-up time).
-- Rows of link_keys are only inserted and deleted (an upsert's update keeps
-- the key and article), so the two triggers keep the count exact. The
-- narrow index link_keys_key (migration 8) served that count; the block's
-- last article is one seek of the primary key (key, article), so the index
-- goes: one B-tree fewer to write per key.
CREATE TABLE link_key_counts (
    key          TEXT PRIMARY KEY,
    articles     INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO link_key_counts (key, articles) SELECT key, COUNT(*) FROM link_keys GROUP BY key;
CREATE TRIGGER link_keys_counted AFTER INSERT ON link_keys BEGIN
    INSERT INTO link_key_counts (key, articles) VALUES (NEW.key, 1)
        ON CONFLICT (key) DO UPDATE SET articles = articles + 1;
END;
CREATE TRIGGER link_keys_uncounted AFTER DELETE ON link_keys BEGIN
    UPDATE link_key_counts SET articles = articles - 1 WHERE key = OLD.key;
END;
CREATE TRIGGER link_keys_no_rekey BEFORE UPDATE OF key, article ON link_keys BEGIN
    SELECT RAISE(ABORT, 'a link key row is deleted and inserted, never re-keyed');
END;
DROP INDEX link_keys_key;
