-- @brief The articles an article cites (the `cites` list of its header, by slug): search ranks
-- a cited article higher when the articles citing it match, and the other way round.
-- Slugs, not row ids: an article may cite one that is indexed later, or from another folder.

ALTER TABLE articles ADD COLUMN cites text[] NOT NULL DEFAULT '{}';
