-- @brief Sign-in to the pages by magic link: members' e-mail addresses, single-use links and
-- browser sessions, all secrets stored as SHA-256 hashes only.

-- Who signs in with which address; accounts made by the admin command may have none.
ALTER TABLE users ADD COLUMN email text
    CHECK (email IS NULL OR (email = lower(email) AND length(email) BETWEEN 3 AND 254));
CREATE UNIQUE INDEX users_email_key ON users (email) WHERE email IS NOT NULL;

CREATE TABLE magic_links (
    token_hash  text PRIMARY KEY,            -- hex SHA-256 of the link's secret
    email       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX magic_links_expiry ON magic_links (expires_at);

CREATE TABLE web_sessions (
    id_hash     text PRIMARY KEY,            -- hex SHA-256 of the cookie's value
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
