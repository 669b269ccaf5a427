package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned, wrapped, when a document, story, relation or raw
// input asked for is not in the store.
var ErrNotFound = errors.New("not found")

// ErrNewerSchema is returned, wrapped, by Open for a file written by a newer
// version of the program than this one: its tables may mean what this
// version cannot know.
var ErrNewerSchema = errors.New("database schema is newer than this program")

// Store is an open store. Its methods may be called concurrently: writes
// are serialised on one connection, reads share a pool.
type Store struct {
	w, r *sql.DB
	now  func() time.Time
	// Streaming reads fetch pages of docPage documents (restorePage for
	// Analysed, whose rows are small) rather than holding one cursor:
	// no read transaction then stays open while the caller works, which
	// would keep the WAL from being checkpointed, and the caller may
	// write between pages.
	docPage, restorePage int
}

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration moves the schema from version-1 to version.
type migration struct {
	version int
	name    string
	sql     string
}

// Open opens the store in the file at path, creating it if needed and
// bringing its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	return open(ctx, path, ms)
}

func open(ctx context.Context, path string, ms []migration) (s *Store, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Every pooled connection runs the DSN's pragmas: a pragma run once
	// would hold on one connection only.
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	defer func() {
		if err != nil {
			w.Close()
		}
	}()
	if err := migrate(ctx, w, ms); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		return nil, fmt.Errorf("store: open %s for reading: %w", path, err)
	}
	return &Store{w: w, r: r, now: time.Now, docPage: 128, restorePage: 1024}, nil
}

// dsn returns the data source name of the file at path. Writes begin
// IMMEDIATE so that a transaction that reads before it writes cannot fail
// to upgrade its lock when another process writes; readers are query-only.
func dsn(path string, reader bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if reader {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Path: filepath.ToSlash(path)}
	return "file:" + u.EscapedPath() + "?" + q.Encode()
}

// Close closes the store.
func (s *Store) Close() error {
	// Keeps the planner's statistics fresh at no cost worth measuring.
	_, optErr := s.w.Exec("PRAGMA optimize")
	if err := errors.Join(s.r.Close(), s.w.Close()); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	if optErr != nil {
		return fmt.Errorf("store: close: optimize: %w", optErr)
	}
	return nil
}

// migrations returns the embedded migrations in version order. A file is
// named NNNN_what.sql; its number is its version.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: list migrations: %w", err)
	}
	var ms []migration
	for _, name := range names { // Glob sorts them
		base := filepath.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != len(ms)+1 {
			return nil, fmt.Errorf("store: migration %s: want number %04d", base, len(ms)+1)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(base, ".sql"), sql: string(b)})
	}
	return ms, nil
}

// migrate applies to db the migrations it has not had, each in its own
// transaction. It is safe against another process migrating the same file
// at once: each transaction rereads the version under the write lock.
func migrate(ctx context.Context, db *sql.DB, ms []migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name    TEXT    NOT NULL,
		applied INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	v, err := version(ctx, db)
	if err != nil {
		return err
	}
	if v > len(ms) {
		return fmt.Errorf("%w: the file is at version %d, this program knows up to %d", ErrNewerSchema, v, len(ms))
	}
	// An up-to-date file, the common case, is opened without taking the
	// write lock.
	for _, m := range ms[v:] {
		if err := apply(ctx, db, m, len(ms)); err != nil {
			return err
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, m migration, latest int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > latest {
		return fmt.Errorf("%w: the file is at version %d, this program knows up to %d", ErrNewerSchema, v, latest)
	}
	if v >= m.version {
		return nil
	}
	if v != m.version-1 {
		return fmt.Errorf("migration %s: the file is at version %d", m.name, v)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)",
		m.version, m.name, time.Now().UnixMicro()); err != nil {
		return fmt.Errorf("migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

func version(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// Counts are the sizes of the store.
type Counts struct {
	Documents int64
	Analysed  int64
	Stories   int64
	Inputs    int64
	RawBytes  int64 // of the raw inputs, each counted once
}

// Counts returns the sizes of the store.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM analyses),
		(SELECT count(*) FROM stories),
		(SELECT count(*) FROM inputs),
		(SELECT coalesce(sum(size), 0) FROM inputs)`).Scan(&c.Documents, &c.Analysed, &c.Stories, &c.Inputs, &c.RawBytes)
	if err != nil {
		return Counts{}, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}

// micros and fromMicros convert the times the store keeps as integers:
// microseconds reach ±290,000 years, so no date read off a page overflows.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }
