-- Routing questions to experts: each member's mail preference, when each expert was last
-- solicited (the least recently solicited are chosen first), and the notifications themselves,
-- written in the transaction of the post, answer or acceptance they announce and sent afterwards
-- by the service's sender (a durable outbox: a row is never lost, and is sent once).
ALTER TABLE users
    ADD COLUMN notify_mode text NOT NULL DEFAULT 'immediate'
        CHECK (notify_mode IN ('immediate', 'daily', 'none')),
    ADD COLUMN last_solicited_at timestamptz;

CREATE TABLE notifications (
    id               bigserial PRIMARY KEY,
    recipient_id     bigint NOT NULL REFERENCES users (id),
    kind             text NOT NULL CHECK (kind IN ('question', 'answer', 'accepted', 'digest')),
    thread_id        bigint REFERENCES threads (id),
    payload          jsonb NOT NULL DEFAULT '{}',
    -- 'daily': waits for the recipient's digest, which folds it into a 'digest' row.
    delivery         text NOT NULL DEFAULT 'immediate' CHECK (delivery IN ('immediate', 'daily')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    -- The digest row a daily item went out in.
    digest_id        bigint REFERENCES notifications (id),
    -- Set instead of sent_at when the recipient opted out or has no address any more.
    cancelled_at     timestamptz
);
CREATE INDEX notifications_pending_idx ON notifications (next_attempt_at)
    WHERE sent_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id);
CREATE INDEX users_solicited_idx ON users (last_solicited_at NULLS FIRST, id) WHERE role = 'expert';
