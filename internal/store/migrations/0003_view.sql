-- The current view of stories, replaced story by story: a story whose
-- hash is unchanged is not rewritten.
CREATE TABLE stories (
    id           INTEGER PRIMARY KEY, -- seq of its earliest document
    hash         BLOB    NOT NULL,
    size         INTEGER NOT NULL,
    origin       INTEGER,             -- NULL when unknown
    partial      INTEGER NOT NULL,
    first        INTEGER NOT NULL,    -- unix microseconds of the earliest document (published, else added)
    last         INTEGER NOT NULL,    -- of the latest
    sites        TEXT    NOT NULL,    -- JSON array, sorted
    title        TEXT    NOT NULL,
    origin_title TEXT    NOT NULL,
    origin_site  TEXT    NOT NULL,
    updated      INTEGER NOT NULL     -- when its content last changed
);
CREATE INDEX stories_last ON stories(last DESC, id DESC);

CREATE TABLE story_sites (
    site  TEXT    NOT NULL,
    story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    PRIMARY KEY (site, story)
) WITHOUT ROWID;
CREATE INDEX story_sites_story ON story_sites(story);

CREATE TABLE lineage (
    story    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    source   INTEGER NOT NULL,
    copy     INTEGER NOT NULL,
    relation TEXT    NOT NULL,
    PRIMARY KEY (story, ord)
) WITHOUT ROWID;

CREATE TABLE siblings (
    story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord   INTEGER NOT NULL,
    a     INTEGER NOT NULL,
    b     INTEGER NOT NULL,
    PRIMARY KEY (story, ord)
) WITHOUT ROWID;

CREATE TABLE relations (
    id       INTEGER PRIMARY KEY,
    story    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    a        INTEGER NOT NULL,
    b        INTEGER NOT NULL,
    relation TEXT    NOT NULL,
    score    REAL    NOT NULL,
    source   INTEGER,
    sibling  INTEGER NOT NULL,
    detail   TEXT               -- NULL: the detail of the derived pair of a and b, if any
);
CREATE INDEX relations_story ON relations(story, ord);
CREATE INDEX relations_pair ON relations(a, b);
