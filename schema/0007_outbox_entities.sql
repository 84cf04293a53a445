-- The search outbox names any kind of searchable entity (entity_kind, entity_id) rather than a
-- thread: resources and forum topics are queued like threads, and each kind has its loader in
-- indexer/search/entity_loaders.cpp. No foreign key to one table; rows already queued (pending or
-- processed) become 'thread' rows, so a pending one is still replayed after the upgrade.
ALTER TABLE search_outbox ADD COLUMN entity_kind text, ADD COLUMN entity_id bigint;
UPDATE search_outbox SET entity_kind = 'thread', entity_id = thread_id;
ALTER TABLE search_outbox
    ALTER COLUMN entity_kind SET NOT NULL,
    ALTER COLUMN entity_id SET NOT NULL,
    ADD CONSTRAINT search_outbox_entity_kind_check CHECK (entity_kind <> ''),
    DROP COLUMN thread_id;
