-- What stemma watch knows of each feed between runs.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    last_polled   INTEGER,          -- unix microseconds; NULL never
    last_error    TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE feed_items (
    feed  TEXT    NOT NULL,
    guid  TEXT    NOT NULL,
    seq   INTEGER REFERENCES documents(seq), -- NULL when the item gave no document
    seen  INTEGER NOT NULL,                  -- unix microseconds
    PRIMARY KEY (feed, guid)
) WITHOUT ROWID;
