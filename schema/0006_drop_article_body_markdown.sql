-- An article's Markdown lives in its file under content/, which every indexing pass reads again;
-- the service serves the HTML rendered from it. Nothing read this copy, and writing it cost every
-- indexing pass half the article bytes it sends to PostgreSQL.
ALTER TABLE articles DROP COLUMN body_markdown;
