-- The plain text of an article is only needed to index it, and the indexer derives it from the
-- Markdown file each time; nothing reads this column, and writing it cost every indexing pass a
-- third of the article bytes it sends to PostgreSQL.
ALTER TABLE articles DROP COLUMN body_text;
