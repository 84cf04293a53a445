-- Queries that found nothing: the moderators' list of articles to write.
CREATE TABLE search_misses (
    normalized_query text PRIMARY KEY,
    example_query    text NOT NULL,
    miss_count       bigint NOT NULL DEFAULT 1,
    first_seen       timestamptz NOT NULL DEFAULT now(),
    last_seen        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX search_misses_count_idx ON search_misses (miss_count DESC, last_seen DESC);
