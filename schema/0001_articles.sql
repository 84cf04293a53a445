-- Knowledge-base articles (our guides, experience write-ups, imported fiches), one row per source file.
CREATE TABLE articles (
    id             bigserial PRIMARY KEY,
    slug           text NOT NULL UNIQUE,
    kind           text NOT NULL CHECK (kind IN ('guide', 'experience', 'fiche')),
    title          text NOT NULL,
    summary        text NOT NULL DEFAULT '',
    body_markdown  text NOT NULL,
    body_html      text NOT NULL,
    body_text      text NOT NULL,
    category       text,
    tags           text[] NOT NULL DEFAULT '{}',
    steps          text[] NOT NULL DEFAULT '{}',
    structure_types text[] NOT NULL DEFAULT '{}',
    territory      text,
    sources        jsonb NOT NULL DEFAULT '[]',
    illustrative   boolean NOT NULL DEFAULT false,
    source_root    text NOT NULL,
    source_path    text NOT NULL UNIQUE,
    content_hash   text NOT NULL,
    updated_at     timestamptz,
    indexed_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX articles_kind_idx ON articles (kind);
CREATE INDEX articles_tags_idx ON articles USING gin (tags);
CREATE INDEX articles_steps_idx ON articles USING gin (steps);
