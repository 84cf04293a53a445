-- @brief Zero-result list: an id per entry (for moderators to dismiss it) and when it was dismissed.
-- A dismissed entry stays hidden until its query is searched again, then comes back counted afresh.
ALTER TABLE search_misses
    ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    ADD COLUMN dismissed_at timestamptz;

DROP INDEX search_misses_count_idx;
CREATE INDEX search_misses_count_idx ON search_misses (miss_count DESC, last_seen DESC)
    WHERE dismissed_at IS NULL;
