-- A document's analysis record, read back in seq order to resume.
CREATE TABLE analyses (
    seq       INTEGER PRIMARY KEY REFERENCES documents(seq),
    body_hash INTEGER NOT NULL, -- the uint64 bit for bit
    print     BLOB,             -- opaque to the store
    edges     BLOB              -- varints of seq minus each edge's seq
);

-- Derived pairs found when b was analysed.
CREATE TABLE pairs (
    id       INTEGER PRIMARY KEY,
    b        INTEGER NOT NULL REFERENCES documents(seq),
    a        INTEGER NOT NULL REFERENCES documents(seq),
    relation TEXT    NOT NULL,
    score    REAL    NOT NULL,
    source   INTEGER,           -- NULL when unknown
    sibling  INTEGER NOT NULL,
    detail   TEXT,              -- JSON object, opaque
    UNIQUE (b, a)
);
