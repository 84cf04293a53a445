-- Accounts, bearer tokens (stored as SHA-256 hashes), Q&A threads, answers, votes, edit history,
-- and the search outbox that makes every post searchable without ever losing one.
CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    login           text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    role            text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'expert', 'moderator')),
    structure_name  text,
    structure_type  text CHECK (structure_type IN ('ACI', 'AI', 'EI', 'ETTI', 'EITI')),
    territory       text,
    topics          text[] NOT NULL DEFAULT '{}',
    contact_opt_in  boolean NOT NULL DEFAULT false,
    contact_email   text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  text NOT NULL UNIQUE,
    label       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE TABLE threads (
    id                  bigserial PRIMARY KEY,
    author_id           bigint NOT NULL REFERENCES users (id),
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body_markdown       text NOT NULL,
    body_html           text NOT NULL,
    tags                text[] NOT NULL DEFAULT '{}',
    step                text,
    structure_type      text CHECK (structure_type IN ('ACI', 'AI', 'EI', 'ETTI', 'EITI')),
    territory           text,
    hidden              boolean NOT NULL DEFAULT false,
    accepted_answer_id  bigint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_created_idx ON threads (created_at DESC);
CREATE INDEX threads_tags_idx ON threads USING gin (tags);

CREATE TABLE answers (
    id             bigserial PRIMARY KEY,
    thread_id      bigint NOT NULL REFERENCES threads (id),
    author_id      bigint NOT NULL REFERENCES users (id),
    body_markdown  text NOT NULL,
    body_html      text NOT NULL,
    hidden         boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answers_thread_idx ON answers (thread_id);

ALTER TABLE threads ADD CONSTRAINT threads_accepted_answer_fk
    FOREIGN KEY (accepted_answer_id) REFERENCES answers (id);

CREATE TABLE votes (
    answer_id   bigint NOT NULL REFERENCES answers (id),
    user_id     bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (answer_id, user_id)
);

-- The previous version of a post, kept at every edit.
CREATE TABLE post_revisions (
    id             bigserial PRIMARY KEY,
    post_type      text NOT NULL CHECK (post_type IN ('thread', 'answer')),
    post_id        bigint NOT NULL,
    editor_id      bigint NOT NULL REFERENCES users (id),
    title          text,
    body_markdown  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX post_revisions_post_idx ON post_revisions (post_type, post_id);

-- Written in the same transaction as the post; applied to Xapian in id order by one writer.
CREATE TABLE search_outbox (
    id            bigserial PRIMARY KEY,
    thread_id     bigint NOT NULL REFERENCES threads (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz
);
CREATE INDEX search_outbox_pending_idx ON search_outbox (id) WHERE processed_at IS NULL;
