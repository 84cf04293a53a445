-- @brief The Discourse forum: signed webhook deliveries kept in an inbox, forum topics stored as
-- read-only threads (source 'forum') with their external ids, authors, dates, tags and category,
-- and the import's resumable cursor.

-- Every accepted delivery, stored before it is answered; processed later by the service's worker.
CREATE TABLE forum_inbox (
    id               bigserial PRIMARY KEY,
    event_id         text NOT NULL UNIQUE,   -- X-Discourse-Event-Id (idempotency key)
    event            text NOT NULL,          -- X-Discourse-Event, e.g. post_created
    instance         text,                   -- X-Discourse-Instance
    headers          jsonb NOT NULL,
    body             text NOT NULL,          -- the exact bytes that were signed
    received_at      timestamptz NOT NULL DEFAULT now(),
    processed_at     timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    error            text                    -- why the last attempt failed (or what was ignored)
);
CREATE INDEX forum_inbox_pending_idx ON forum_inbox (next_attempt_at, id) WHERE processed_at IS NULL;

-- The author of every forum thread and answer here; the forum's own names are kept per post.
INSERT INTO users (login, display_name, role) VALUES ('discourse-forum', 'Forum', 'member')
    ON CONFLICT (login) DO NOTHING;

ALTER TABLE threads
    ADD COLUMN source                text NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'forum')),
    ADD COLUMN forum_topic_id        bigint,
    ADD COLUMN forum_url             text,
    ADD COLUMN forum_post_id         bigint,        -- the topic's first post (the question)
    ADD COLUMN forum_author          text,
    ADD COLUMN forum_category        text,
    ADD COLUMN forum_created_at      timestamptz,
    ADD COLUMN forum_updated_at      timestamptz,   -- of the first post: stale edits are refused
    ADD COLUMN forum_version         integer,
    ADD COLUMN forum_deleted_event   bigint,        -- last destroyed/recovered event applied
    ADD COLUMN forum_solved_event    bigint,        -- last (un)accepted_solution event applied
    ADD COLUMN forum_accepted_post_id bigint;
CREATE UNIQUE INDEX threads_forum_topic_idx ON threads (forum_topic_id) WHERE forum_topic_id IS NOT NULL;
CREATE INDEX threads_forum_url_idx ON threads (forum_url) WHERE forum_url IS NOT NULL;

ALTER TABLE answers
    ADD COLUMN forum_post_id        bigint,
    ADD COLUMN forum_post_number    integer,
    ADD COLUMN forum_author         text,
    ADD COLUMN forum_created_at     timestamptz,
    ADD COLUMN forum_updated_at     timestamptz,
    ADD COLUMN forum_version        integer,
    ADD COLUMN forum_deleted_event  bigint;
CREATE UNIQUE INDEX answers_forum_post_idx ON answers (forum_post_id) WHERE forum_post_id IS NOT NULL;

-- The import's progress: where the walk of /latest.json stands, and each topic's last import.
CREATE TABLE forum_import_state (
    id              integer PRIMARY KEY CHECK (id = 1),
    next_page_url   text,            -- the page to read next; NULL: start from /latest.json
    run_started_at  timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE forum_import_topics (
    topic_id         bigint PRIMARY KEY,
    bumped_at        text NOT NULL,   -- as the forum listed it: unchanged means nothing to import
    imported_at      timestamptz NOT NULL DEFAULT now()
);
