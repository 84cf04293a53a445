-- @brief "Cette page vous a-t-elle été utile ?": one yes/no vote per visitor per article (a
-- second vote replaces the first); the visitor's cookie id is stored as a SHA-256 hash only.

CREATE TABLE article_votes (
    -- The article's row id survives re-indexing (rows are upserted by source path); a removed
    -- article takes its votes with it.
    article_id  bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    voter_hash  text NOT NULL CHECK (voter_hash ~ '^[0-9a-f]{64}$'),
    useful      boolean NOT NULL,
    voted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, voter_hash)
);
