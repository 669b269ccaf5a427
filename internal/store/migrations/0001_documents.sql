-- Raw inputs, kept byte for byte and stored once however many documents
-- were read from them. The bytes sit at the end of the row so that scans
-- of the small columns (for counts) never walk their overflow pages.
CREATE TABLE inputs (
    id       INTEGER PRIMARY KEY,
    hash     BLOB    NOT NULL UNIQUE, -- SHA-256 of raw
    size     INTEGER NOT NULL,
    origin   TEXT    NOT NULL,        -- where it was first read from
    received INTEGER NOT NULL,        -- unix microseconds
    raw      BLOB    NOT NULL
);
-- Lets sum(size) read a narrow index instead of the blobs.
CREATE INDEX inputs_size ON inputs(size);

-- One row an article, small enough to be read by the million at startup:
-- the text lives in texts.
CREATE TABLE documents (
    seq       INTEGER PRIMARY KEY,    -- arrival order
    id        TEXT    NOT NULL UNIQUE,
    key       BLOB    NOT NULL UNIQUE, -- SHA-256 of site and normalised content: the article's identity
    title     TEXT    NOT NULL,
    site      TEXT    NOT NULL,
    url       TEXT    NOT NULL,
    byline    TEXT    NOT NULL,
    origin    TEXT    NOT NULL,
    format    TEXT    NOT NULL,
    published TEXT,                   -- RFC 3339 with the offset as read; NULL when unknown
    words     INTEGER NOT NULL,
    credits   TEXT,                   -- JSON array of document.Credit; NULL when none
    added     INTEGER NOT NULL,       -- unix microseconds
    input     INTEGER REFERENCES inputs(id),
    analysed  INTEGER NOT NULL DEFAULT 0,
    story     INTEGER                 -- stories.id in the current view; not a foreign key, as a view is replaced story by story
);
-- Pending documents are few against all of them: a partial index finds
-- them without a scan.
CREATE INDEX documents_pending ON documents(seq) WHERE analysed = 0;
CREATE INDEX documents_story ON documents(story) WHERE story IS NOT NULL;

CREATE TABLE texts (
    seq        INTEGER PRIMARY KEY REFERENCES documents(seq),
    body       TEXT NOT NULL, -- paragraphs joined by blank lines: what search indexes
    paragraphs TEXT,          -- JSON array, only when body does not split back into the paragraphs
    removed    TEXT           -- JSON array of document.Removal; NULL when none
);

-- The last suffix given to an id that clashed, so that the thousandth
-- "index" gets "index~1000" without trying the 999 before it.
CREATE TABLE id_suffixes (
    base TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) WITHOUT ROWID;

-- Full-text search over title and text, reading the text from the tables
-- above rather than keeping a second copy. PutDocuments adds each document
-- to it in the same transaction: a trigger would make FTS5 flush its
-- pending terms at every statement, not once at commit.
CREATE VIEW search_source AS
    SELECT d.seq AS seq, d.title AS title, t.body AS body
    FROM documents d JOIN texts t ON t.seq = d.seq;
CREATE VIRTUAL TABLE search USING fts5(
    title, body,
    content = 'search_source', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
