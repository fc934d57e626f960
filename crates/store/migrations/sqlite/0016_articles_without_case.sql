-- 0016_articles_without_case: the article ids no case lists, kept by
-- triggers (issue #12: `casewatch cases` names them under every page of
-- its listing; finding them looked up every stored article in
-- case_articles, 50–60 ms at 190,000 generated articles, most of the time
-- of a page).
--
-- The table holds exactly the article ids of `articles` that no row of
-- `case_articles` holds (an id stored twice is listed once). A trigger on
-- each table keeps it: a new article is listed unless a case lists its id;
-- a case listing an id takes it off; a case no longer listing it puts it
-- back unless another case lists it; a deleted article takes its id off
-- once no row has it. (The triggers test for the id before inserting: an
-- `INSERT OR IGNORE` in a trigger takes the conflict policy of the
-- statement that fired it, see 0014.)

CREATE TABLE articles_without_case (
    article_id   TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO articles_without_case (article_id)
    SELECT DISTINCT a.article_id FROM articles a
    WHERE NOT EXISTS (SELECT 1 FROM case_articles c WHERE c.article_id = a.article_id)
    ORDER BY a.article_id;

CREATE TRIGGER articles_without_case_added AFTER INSERT ON articles BEGIN
    INSERT INTO articles_without_case (article_id) SELECT NEW.article_id
    WHERE NOT EXISTS (SELECT 1 FROM case_articles WHERE article_id = NEW.article_id)
      AND NOT EXISTS (SELECT 1 FROM articles_without_case WHERE article_id = NEW.article_id);
END;
CREATE TRIGGER articles_without_case_removed AFTER DELETE ON articles BEGIN
    DELETE FROM articles_without_case
    WHERE article_id = OLD.article_id
      AND NOT EXISTS (SELECT 1 FROM articles WHERE article_id = OLD.article_id);
END;
CREATE TRIGGER articles_without_case_renamed AFTER UPDATE OF article_id ON articles BEGIN
    DELETE FROM articles_without_case
    WHERE article_id = OLD.article_id
      AND NOT EXISTS (SELECT 1 FROM articles WHERE article_id = OLD.article_id);
    INSERT INTO articles_without_case (article_id) SELECT NEW.article_id
    WHERE NOT EXISTS (SELECT 1 FROM case_articles WHERE article_id = NEW.article_id)
      AND NOT EXISTS (SELECT 1 FROM articles_without_case WHERE article_id = NEW.article_id);
END;
CREATE TRIGGER case_articles_listed AFTER INSERT ON case_articles BEGIN
    DELETE FROM articles_without_case WHERE article_id = NEW.article_id;
END;
CREATE TRIGGER case_articles_unlisted AFTER DELETE ON case_articles BEGIN
    INSERT INTO articles_without_case (article_id) SELECT OLD.article_id
    WHERE EXISTS (SELECT 1 FROM articles WHERE article_id = OLD.article_id)
      AND NOT EXISTS (SELECT 1 FROM case_articles WHERE article_id = OLD.article_id)
      AND NOT EXISTS (SELECT 1 FROM articles_without_case WHERE article_id = OLD.article_id);
END;
CREATE TRIGGER case_articles_relisted AFTER UPDATE OF article_id ON case_articles BEGIN
    DELETE FROM articles_without_case WHERE article_id = NEW.article_id;
    INSERT INTO articles_without_case (article_id) SELECT OLD.article_id
    WHERE EXISTS (SELECT 1 FROM articles WHERE article_id = OLD.article_id)
      AND NOT EXISTS (SELECT 1 FROM case_articles WHERE article_id = OLD.article_id)
      AND NOT EXISTS (SELECT 1 FROM articles_without_case WHERE article_id = OLD.article_id);
END;
