-- The resource library (resources, their previous versions, their files), the controlled tag
-- vocabulary, members' flags and the append-only moderation log. Resources reach the search index
-- through search_outbox (entity_kind 'resource').

-- Controlled vocabulary: members choose among these; a renamed or merged slug stays an alias.
CREATE TABLE tags (
    slug         text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 40),
    label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    description  text NOT NULL DEFAULT '',
    synonyms     text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Old slugs (renamed or merged tags) and the tag they now stand for.
CREATE TABLE tag_aliases (
    alias       text PRIMARY KEY,
    slug        text NOT NULL REFERENCES tags (slug) ON UPDATE CASCADE ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE resources (
    id                    bigserial PRIMARY KEY,
    author_id             bigint NOT NULL REFERENCES users (id),
    title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary               text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
    description_markdown  text NOT NULL DEFAULT '',
    description_html      text NOT NULL DEFAULT '',
    type                  text NOT NULL CHECK (type IN ('modele-document', 'simulateur-tableur',
                              'guide-methode', 'outil-en-ligne', 'annuaire', 'formation-webinaire',
                              'autre')),
    link                  text CHECK (link ~ '^https?://'),
    licence               text NOT NULL DEFAULT 'etalab-2.0' CHECK (licence IN ('etalab-2.0',
                              'cc-by-sa-4.0', 'cc-by-nc-sa-4.0', 'tous-droits-reserves')),
    audiences             text[] NOT NULL DEFAULT '{}' CONSTRAINT resources_audiences_check
                              CHECK (audiences <@ ARRAY['porteur-projet', 'siae', 'prescripteur',
                              'accompagnateur', 'financeur']::text[]),
    steps                 text[] NOT NULL DEFAULT '{}' CONSTRAINT resources_steps_check
                              CHECK (steps <@ ARRAY['comprendre-iae', 'projet-insertion',
                              'dossier-demande', 'negociation-objectifs', 'moyens', 'avis-cdiae',
                              'signature', 'annexe-financiere', 'recrutement-parcours',
                              'suivi-dialogue-gestion', 'renouvellement']::text[]),
    structure_types       text[] NOT NULL DEFAULT '{}' CONSTRAINT resources_structure_types_check
                              CHECK (structure_types <@ ARRAY['ACI', 'AI', 'EI', 'ETTI',
                              'EITI']::text[]),
    territory             text,  -- a département code, NULL for national
    tags                  text[] NOT NULL DEFAULT '{}',
    status                text NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'published', 'rejected')),
    reject_reason         text,
    hidden                boolean NOT NULL DEFAULT false,
    -- The attached file, stored content-addressed under the data folder (files/<sha256>).
    file_sha256           text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_name             text,
    file_mime             text,
    file_size             bigint,
    -- Text extraction of the file: none (no file), pending, done, failed (error kept).
    extraction_status     text NOT NULL DEFAULT 'none'
                              CHECK (extraction_status IN ('none', 'pending', 'done', 'failed')),
    extraction_error      text,
    extracted_text        text NOT NULL DEFAULT '',
    download_count        bigint NOT NULL DEFAULT 0,
    view_count            bigint NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    published_at          timestamptz,
    CHECK (link IS NOT NULL OR file_sha256 IS NOT NULL OR status <> 'published')
);
CREATE INDEX resources_status_idx ON resources (status, created_at DESC);
CREATE INDEX resources_tags_idx ON resources USING gin (tags);
CREATE INDEX resources_file_idx ON resources (file_sha256);
CREATE INDEX resources_extraction_idx ON resources (id) WHERE extraction_status = 'pending';

-- The previous state of a published resource, kept at every edit by its author.
CREATE TABLE resource_versions (
    id           bigserial PRIMARY KEY,
    resource_id  bigint NOT NULL REFERENCES resources (id),
    editor_id    bigint NOT NULL REFERENCES users (id),
    snapshot     jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resource_versions_resource_idx ON resource_versions (resource_id, id);

-- Members' reports; at most one open flag per member and item.
CREATE TABLE flags (
    id           bigserial PRIMARY KEY,
    item_kind    text NOT NULL CHECK (item_kind IN ('thread', 'answer', 'resource')),
    item_id      bigint NOT NULL,
    reporter_id  bigint NOT NULL REFERENCES users (id),
    reason       text NOT NULL CHECK (reason IN ('spam', 'obsolete', 'errone', 'doublon',
                     'inapproprie', 'autre')),
    comment      text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz,
    resolved_by  bigint REFERENCES users (id)
);
CREATE UNIQUE INDEX flags_one_open_idx ON flags (item_kind, item_id, reporter_id)
    WHERE status = 'open';

-- Every moderation act: who, what, when, why, before and after. Append-only.
CREATE TABLE moderation_log (
    id          bigserial PRIMARY KEY,
    actor_id    bigint NOT NULL REFERENCES users (id),
    action      text NOT NULL,
    item_kind   text NOT NULL,
    item_id     text NOT NULL,
    reason      text,
    before      jsonb,
    after       jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_log_item_idx ON moderation_log (item_kind, item_id);

CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER moderation_log_no_update BEFORE UPDATE OR DELETE ON moderation_log
    FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only();
CREATE TRIGGER moderation_log_no_truncate BEFORE TRUNCATE ON moderation_log
    FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_append_only();
