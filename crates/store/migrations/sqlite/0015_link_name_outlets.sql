-- 0015_link_name_outlets: the outlet of each named mention of a link key
-- block, so that the rows of namesakes of other outlets are not read
-- (issue #12: the first incremental rebuild of a process, which is what
-- one `casewatch ingest` of 1,000 reports pays, cost 1.6 times as much at
-- 190,000 generated articles as at 10,000, most of the difference in the
-- neighbour step).
--
-- The neighbour step (crates/store/src/rebuild_cache/links.rs, LinkBlock)
-- read every row of each name of a block that matched a new mention's,
-- and compared the mention with each. At 190,000 generated articles the
-- first rebuild of 1,000 new articles compared 56,000 stored mentions
-- (89,000 article rows) and joined 2,600 of them: 54,000 named another
-- outlet, which with the default settings keeps two mentions apart unless
-- their names fold alike and both articles name another person of one
-- surname. With the outlet and the co-named surnames listed beside each
-- row, the step reads only the rows that a new mention may join
-- (reconcile::PreparedMention::may_join_listed).
--
-- `affiliation` is the affiliation of the mention of that name in that
-- link_keys row, as stored (not folded); NULL when it names none, or when
-- the row names that name twice and the two do not give one affiliation
-- (such a row is always read). `context` is the row's context (JSON, the
-- folded surnames its article names), as in link_keys.
ALTER TABLE link_names ADD COLUMN affiliation TEXT;
ALTER TABLE link_names ADD COLUMN context TEXT;
-- What link_names holds, derived from link_keys: the migration fills the
-- new columns from it, `Store::integrity_check` compares the table with it,
-- and the triggers below write the same for the row that fired them.
CREATE VIEW link_names_derived AS
    SELECT key, n AS name, article,
           CASE WHEN count(a) = count(*) AND min(a) = max(a) THEN min(a) END AS affiliation,
           context
    FROM (SELECT l.key, l.article, l.context, json_extract(m.value, '$.name') AS n,
                 CASE WHEN json_type(m.value, '$.affiliation') = 'text'
                      THEN json_extract(m.value, '$.affiliation') END AS a
          FROM link_keys l, json_each(l.mentions) m
          WHERE json_type(m.value, '$.name') = 'text')
    GROUP BY key, article, n;
-- (row by row: the view's terms on key and article reach link_keys'
-- primary key, so nothing of the whole view is held)
UPDATE link_names SET (affiliation, context) = (
    SELECT d.affiliation, d.context FROM link_names_derived d
    WHERE d.key = link_names.key AND d.article = link_names.article AND d.name = link_names.name);
DROP TRIGGER link_keys_named;
DROP TRIGGER link_keys_renamed;
CREATE TRIGGER link_keys_named AFTER INSERT ON link_keys BEGIN
    INSERT OR IGNORE INTO link_names (key, name, article, affiliation, context)
        SELECT NEW.key, n, NEW.article, CASE WHEN count(a) = count(*) AND min(a) = max(a) THEN min(a) END,
               NEW.context
        FROM (SELECT json_extract(m.value, '$.name') AS n,
                     CASE WHEN json_type(m.value, '$.affiliation') = 'text'
                          THEN json_extract(m.value, '$.affiliation') END AS a
              FROM json_each(NEW.mentions) m
              WHERE json_type(m.value, '$.name') = 'text')
        GROUP BY n;
END;
-- (an upsert may change the context alone: the list follows it)
CREATE TRIGGER link_keys_renamed AFTER UPDATE OF mentions, context ON link_keys BEGIN
    DELETE FROM link_names
    WHERE key = OLD.key AND article = OLD.article
      AND name IN (SELECT json_extract(m.value, '$.name') FROM json_each(OLD.mentions) m);
    INSERT OR IGNORE INTO link_names (key, name, article, affiliation, context)
        SELECT NEW.key, n, NEW.article, CASE WHEN count(a) = count(*) AND min(a) = max(a) THEN min(a) END,
               NEW.context
        FROM (SELECT json_extract(m.value, '$.name') AS n,
                     CASE WHEN json_type(m.value, '$.affiliation') = 'text'
                          THEN json_extract(m.value, '$.affiliation') END AS a
              FROM json_each(NEW.mentions) m
              WHERE json_type(m.value, '$.name') = 'text')
        GROUP BY n;
END;
