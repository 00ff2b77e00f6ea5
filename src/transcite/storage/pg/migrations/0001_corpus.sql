-- transcite corpus on PostgreSQL, schema 1 (docs/corpus.md). Applied in one transaction by
-- `transcite corpus init|migrate`; the version is recorded in transcite_schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- one row per record: its TEI document (the bytes a folder would hold, validated with the
-- same schema before they are stored) and what `list` shows of it, kept by every write
CREATE TABLE records (
    id              text COLLATE "C" PRIMARY KEY,
    tei             bytea NOT NULL,
    sha256          text NOT NULL,
    version         integer NOT NULL,
    title           text COLLATE "C" NOT NULL,
    language        text,
    publisher       text COLLATE "C",
    url             text,
    published       text COLLATE "C",
    accessed        text,
    authors         text NOT NULL,          -- JSON array of full names
    translators     text NOT NULL,
    paragraphs      integer NOT NULL,
    figures         integer NOT NULL,
    labels          integer NOT NULL,
    authors_key     text COLLATE "C" NOT NULL,  -- folded (storage.index.fold), for filters
    translators_key text COLLATE "C" NOT NULL,
    publisher_key   text COLLATE "C" NOT NULL,
    title_key       text COLLATE "C" NOT NULL,
    author_sort     text COLLATE "C" NOT NULL,
    listing         text NOT NULL,          -- the credits line of `list`
    saved_at        timestamptz NOT NULL DEFAULT now()
);

-- one row per version of a record (1 is the text as first recorded)
CREATE TABLE versions (
    record_id  text COLLATE "C" NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    n          integer NOT NULL,
    revised_on text,                        -- the date the revision gives, if any
    note       text NOT NULL DEFAULT '',
    stored_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_id, n)
);

-- one row per paragraph, figure and label of every version; `terms` is the block's folded
-- words (storage.index.words) joined by spaces, so that PostgreSQL's tokenizer and find's
-- agree on what a word is
CREATE TABLE blocks (
    bid         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id   text COLLATE "C" NOT NULL,
    version     integer NOT NULL,
    seq         integer NOT NULL,
    block_id    text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('paragraph', 'figure', 'label')),
    fingerprint text,
    text        text NOT NULL,
    terms       text NOT NULL,
    current     boolean NOT NULL,
    tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED,
    UNIQUE (record_id, version, seq),
    FOREIGN KEY (record_id, version) REFERENCES versions(record_id, n) ON DELETE CASCADE
);
CREATE INDEX blocks_current ON blocks (record_id, seq) WHERE current;
CREATE INDEX blocks_tsv ON blocks USING gin (tsv) WHERE current AND kind <> 'label';
CREATE INDEX blocks_trgm ON blocks USING gin (terms gin_trgm_ops)
    WHERE current AND kind <> 'label';

-- how many current blocks hold each word: find picks a query's rarest words with it
CREATE TABLE terms (
    term text COLLATE "C" PRIMARY KEY,
    df   integer NOT NULL
);
