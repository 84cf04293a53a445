-- Article texts are written in bulk by every indexing pass: lz4 compresses them several times
-- faster than the default pglz, for a slightly larger table.
ALTER TABLE articles
    ALTER COLUMN body_markdown SET COMPRESSION lz4,
    ALTER COLUMN body_html SET COMPRESSION lz4,
    ALTER COLUMN body_text SET COMPRESSION lz4;
