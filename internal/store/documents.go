package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/document"
)

// Put is the outcome of storing one document.
type Put struct {
	Seq int64
	ID  string
	// New is false when the same article was stored before; Seq and ID
	// are then the stored one's.
	New bool
}

// Document is a stored document.
type Document struct {
	Seq int64 // arrival order, from 1; analysis follows it
	ID  string

	Title, Site, URL, Byline, Origin, Format string

	Published  time.Time // zero when unknown
	Words      int
	Paragraphs []string
	Credits    []document.Credit
	Removed    []document.Removal
	Added      time.Time // when stored
	Analysed   bool
	Story      int64 // its story in the current view; 0 none
}

// PutDocuments stores docs in one transaction and returns what became of
// each, in order. An article already stored, earlier or in the same batch,
// is not stored again: see Key for what makes two documents one article.
// A new document whose ID is taken by another article is stored as ID~2
// (or ~3...); one with no ID gets one from its content.
func (s *Store) PutDocuments(ctx context.Context, docs []*document.Document) ([]Put, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: put documents: %w", err)
	}
	defer tx.Rollback()
	p, err := newPutter(ctx, tx, s.now())
	if err != nil {
		return nil, fmt.Errorf("store: put documents: %w", err)
	}
	defer p.close()
	puts := make([]Put, len(docs))
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("store: put documents: document %d is nil", i)
		}
		if puts[i], err = p.put(ctx, d); err != nil {
			return nil, fmt.Errorf("store: put document %q (%s): %w", d.ID, d.Origin, err)
		}
	}
	if err := p.indexAll(ctx); err != nil {
		return nil, fmt.Errorf("store: put documents: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: put documents: commit: %w", err)
	}
	return puts, nil
}

// putter holds the statements of one PutDocuments transaction.
type putter struct {
	now                                                                     int64
	byKey, byID, input, addInput, suffix, setSuffix, addDoc, addText, index *sql.Stmt
	// unindexed holds the documents stored but not yet added to search.
	// FTS5 writes its pending terms out as a new segment whenever another
	// statement opens a savepoint, as the next document's inserts do; so
	// search is filled at the end of the batch, in one run of inserts,
	// and flushed once at commit.
	unindexed []unindexed
}

type unindexed struct {
	seq         int64
	title, body string
}

func newPutter(ctx context.Context, tx *sql.Tx, now time.Time) (*putter, error) {
	p := &putter{now: micros(now)}
	for _, q := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&p.byKey, "SELECT seq, id FROM documents WHERE key = ?"},
		{&p.byID, "SELECT 1 FROM documents WHERE id = ?"},
		{&p.input, "SELECT id FROM inputs WHERE hash = ?"},
		{&p.addInput, "INSERT INTO inputs (hash, size, origin, received, raw) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id"},
		{&p.suffix, "SELECT last FROM id_suffixes WHERE base = ?"},
		{&p.setSuffix, "INSERT INTO id_suffixes (base, last) VALUES (?, ?) ON CONFLICT (base) DO UPDATE SET last = excluded.last"},
		{&p.addDoc, `INSERT INTO documents (id, key, title, site, url, byline, origin, format, published, words, credits, added, input)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING seq`},
		{&p.addText, "INSERT INTO texts (seq, body, paragraphs, removed) VALUES (?, ?, ?, ?)"},
		{&p.index, "INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)"},
	} {
		st, err := tx.PrepareContext(ctx, q.sql)
		if err != nil {
			p.close()
			return nil, fmt.Errorf("prepare %q: %w", q.sql, err)
		}
		*q.stmt = st
	}
	return p, nil
}

func (p *putter) close() {
	for _, st := range []*sql.Stmt{p.byKey, p.byID, p.input, p.addInput, p.suffix, p.setSuffix, p.addDoc, p.addText, p.index} {
		if st != nil {
			st.Close()
		}
	}
}

func (p *putter) put(ctx context.Context, d *document.Document) (Put, error) {
	key := Key(d)
	var put Put
	switch err := p.byKey.QueryRowContext(ctx, key[:]).Scan(&put.Seq, &put.ID); {
	case err == nil:
		return put, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Put{}, fmt.Errorf("look up content: %w", err)
	}
	var input sql.NullInt64
	if d.Raw != nil {
		id, err := p.putInput(ctx, d)
		if err != nil {
			return Put{}, err
		}
		input = sql.NullInt64{Int64: id, Valid: true}
	}
	var published sql.NullString
	if !d.Published.IsZero() {
		published = sql.NullString{String: d.Published.Format(time.RFC3339Nano), Valid: true}
	}
	credits, err := jsonOrNull(d.Credits)
	if err != nil {
		return Put{}, fmt.Errorf("encode credits: %w", err)
	}
	removed, err := jsonOrNull(d.Removed)
	if err != nil {
		return Put{}, fmt.Errorf("encode removed: %w", err)
	}
	body, paragraphs, err := encodeParagraphs(d.Paragraphs)
	if err != nil {
		return Put{}, fmt.Errorf("encode paragraphs: %w", err)
	}
	id := d.ID
	if id == "" {
		id = hex.EncodeToString(key[:8])
	}
	insert := func(id string) (seq int64, err error) {
		err = p.addDoc.QueryRowContext(ctx, id, key[:], d.Title, d.Site, d.URL, d.Byline, d.Origin, d.Format,
			published, d.Words(), credits, p.now, input).Scan(&seq)
		return seq, err
	}
	// The id is tried as given first: a clash is rare, and looking for a
	// free id before every insert would cost a query each time.
	seq, err := insert(id)
	if errors.Is(err, sql.ErrNoRows) { // the id is taken
		if id, err = p.freeID(ctx, id); err == nil {
			seq, err = insert(id)
		}
	}
	if err != nil {
		return Put{}, fmt.Errorf("insert: %w", err)
	}
	if _, err := p.addText.ExecContext(ctx, seq, body, paragraphs, removed); err != nil {
		return Put{}, fmt.Errorf("insert text: %w", err)
	}
	p.unindexed = append(p.unindexed, unindexed{seq, d.Title, body})
	return Put{Seq: seq, ID: id, New: true}, nil
}

// indexAll adds the documents of the batch to search.
func (p *putter) indexAll(ctx context.Context) error {
	for _, u := range p.unindexed {
		if _, err := p.index.ExecContext(ctx, u.seq, u.title, u.body); err != nil {
			return fmt.Errorf("index text of %d: %w", u.seq, err)
		}
	}
	p.unindexed = nil
	return nil
}

// putInput stores d.Raw unless the same bytes are stored, and returns its
// row id.
func (p *putter) putInput(ctx context.Context, d *document.Document) (int64, error) {
	h := sha256.Sum256(d.Raw)
	var id int64
	err := p.addInput.QueryRowContext(ctx, h[:], len(d.Raw), d.Origin, p.now, d.Raw).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) { // stored before
		err = p.input.QueryRowContext(ctx, h[:]).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("store raw input: %w", err)
	}
	return id, nil
}

// freeID returns id~N for the first N from 2 that no document has,
// remembering N so that the next clash of id starts after it.
func (p *putter) freeID(ctx context.Context, id string) (string, error) {
	last := 1
	if err := p.suffix.QueryRowContext(ctx, id).Scan(&last); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("look up suffixes of %q: %w", id, err)
	}
	for n := last + 1; ; n++ {
		cand := fmt.Sprintf("%s~%d", id, n)
		var one int
		switch err := p.byID.QueryRowContext(ctx, cand).Scan(&one); {
		case err == nil:
			continue
		case !errors.Is(err, sql.ErrNoRows):
			return "", fmt.Errorf("look up id %q: %w", cand, err)
		}
		if _, err := p.setSuffix.ExecContext(ctx, id, n); err != nil {
			return "", fmt.Errorf("record suffix of %q: %w", id, err)
		}
		return cand, nil
	}
}

// Key returns the identity of d's article in the store: the SHA-256 of
// its site (lower-cased), title and non-empty paragraphs, each with its
// whitespace collapsed. The raw bytes are left out, so the same article
// fetched twice with a different ad slot is one; the site is kept in, so
// that one wire report run word for word by two outlets stays two
// documents, a duplicate pair the analysis must see.
func Key(d *document.Document) [32]byte {
	h := sha256.New()
	buf := appendCollapsed(nil, strings.ToLower(d.Site))
	buf = append(buf, 0)
	buf = appendCollapsed(buf, d.Title)
	h.Write(buf)
	for _, p := range d.Paragraphs {
		buf = appendCollapsed(append(buf[:0], '\n'), p)
		if len(buf) > 1 {
			h.Write(buf)
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// appendCollapsed appends s to b with leading and trailing white space
// dropped and each inner run of it made one space.
func appendCollapsed(b []byte, s string) []byte {
	space, start := false, len(b)
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return b
}

// isSpace is unicode.IsSpace with a shortcut for ASCII, most of the text
// of most articles.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// encodeParagraphs returns the text as search indexes it, and the
// paragraphs as JSON only when the text does not split back into them (a
// paragraph holding a blank line, or an empty one), so that the common
// document keeps its text once.
func encodeParagraphs(ps []string) (body string, exact []byte, err error) {
	body = strings.Join(ps, "\n\n")
	if slices.Equal(splitBody(body), ps) {
		return body, nil, nil
	}
	exact, err = json.Marshal(ps)
	return body, exact, err
}

func splitBody(body string) []string {
	if body == "" {
		return nil
	}
	return strings.Split(body, "\n\n")
}

func jsonOrNull[T any](v []T) (sql.NullString, error) {
	if len(v) == 0 {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// The columns of a document row: summaryColumns for everything but the
// text, textColumns after them for the rest.
const (
	summaryColumns = "d.seq, d.id, d.title, d.site, d.url, d.byline, d.origin, d.format, d.published, d.words, d.credits, d.added, d.analysed, d.story"
	textColumns    = "t.body, t.paragraphs, t.removed"
	fullColumns    = summaryColumns + ", " + textColumns
	fromFull       = "documents d JOIN texts t ON t.seq = d.seq"
)

// docRow is the scan destination of a document row, reused across rows.
type docRow struct {
	published          sql.NullString
	credits            []byte
	added              int64
	story              sql.NullInt64
	body               string
	paragraphs         []byte
	removed            []byte
	d                  Document
	summaryDest, extra []any
}

func newDocRow() *docRow {
	r := &docRow{}
	d := &r.d
	r.summaryDest = []any{&d.Seq, &d.ID, &d.Title, &d.Site, &d.URL, &d.Byline, &d.Origin, &d.Format,
		&r.published, &d.Words, &r.credits, &r.added, &d.Analysed, &r.story}
	r.extra = []any{&r.body, &r.paragraphs, &r.removed}
	return r
}

// dest returns the scan destinations of a row of summaryColumns, with
// textColumns when full, followed by more.
func (r *docRow) dest(full bool, more ...any) []any {
	dest := slices.Clone(r.summaryDest)
	if full {
		dest = append(dest, r.extra...)
	}
	return append(dest, more...)
}

// doc returns the document scanned last.
func (r *docRow) doc(full bool) (*Document, error) {
	d := r.d
	r.d = Document{}
	d.Added = fromMicros(r.added)
	d.Story = r.story.Int64
	if r.published.Valid {
		t, err := time.Parse(time.RFC3339Nano, r.published.String)
		if err != nil {
			return nil, fmt.Errorf("document %d: published: %w", d.Seq, err)
		}
		d.Published = t
	}
	if len(r.credits) > 0 {
		if err := json.Unmarshal(r.credits, &d.Credits); err != nil {
			return nil, fmt.Errorf("document %d: credits: %w", d.Seq, err)
		}
	}
	if !full {
		return &d, nil
	}
	if len(r.paragraphs) > 0 {
		if err := json.Unmarshal(r.paragraphs, &d.Paragraphs); err != nil {
			return nil, fmt.Errorf("document %d: paragraphs: %w", d.Seq, err)
		}
	} else {
		d.Paragraphs = splitBody(r.body)
	}
	if len(r.removed) > 0 {
		if err := json.Unmarshal(r.removed, &d.Removed); err != nil {
			return nil, fmt.Errorf("document %d: removed: %w", d.Seq, err)
		}
	}
	return &d, nil
}

// Document returns the document numbered seq.
func (s *Store) Document(ctx context.Context, seq int64) (*Document, error) {
	d, err := s.oneDocument(ctx, "d.seq = ?", seq)
	if err != nil {
		return nil, fmt.Errorf("store: document %d: %w", seq, err)
	}
	return d, nil
}

// DocumentByID returns the document called id.
func (s *Store) DocumentByID(ctx context.Context, id string) (*Document, error) {
	d, err := s.oneDocument(ctx, "d.id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("store: document %q: %w", id, err)
	}
	return d, nil
}

func (s *Store) oneDocument(ctx context.Context, where string, arg any) (*Document, error) {
	r := newDocRow()
	err := s.r.QueryRowContext(ctx, "SELECT "+fullColumns+" FROM "+fromFull+" WHERE "+where, arg).Scan(r.dest(true)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return r.doc(true)
}

// Raw returns the input document seq was read from, byte for byte. The
// error wraps ErrNotFound when there is no such document or it was stored
// without its input.
func (s *Store) Raw(ctx context.Context, seq int64) ([]byte, error) {
	var input sql.NullInt64
	var raw []byte
	err := s.r.QueryRowContext(ctx, "SELECT d.input, i.raw FROM documents d LEFT JOIN inputs i ON i.id = d.input WHERE d.seq = ?", seq).
		Scan(&input, &raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("store: raw input of document %d: %w", seq, ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("store: raw input of document %d: %w", seq, err)
	case !input.Valid:
		return nil, fmt.Errorf("store: raw input of document %d: stored without it: %w", seq, ErrNotFound)
	}
	if raw == nil {
		raw = []byte{}
	}
	return raw, nil
}

// Documents returns, in full and in seq order, up to limit documents
// numbered after after: a page of all of them.
func (s *Store) Documents(ctx context.Context, after int64, limit int) ([]*Document, error) {
	docs, err := s.documents(ctx, "d.seq > ?", after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: documents after %d: %w", after, err)
	}
	return docs, nil
}

// documents returns a page of full documents matching where, which has
// one parameter, the seq the page starts after.
func (s *Store) documents(ctx context.Context, where string, after int64, limit int) ([]*Document, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+fullColumns+" FROM "+fromFull+" WHERE "+where+" ORDER BY d.seq LIMIT ?", after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	r := newDocRow()
	dest := r.dest(true)
	var docs []*Document
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		d, err := r.doc(true)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// Each yields every document, in full and in seq order.
func (s *Store) Each(ctx context.Context) iter.Seq2[*Document, error] {
	return s.stream(ctx, "d.seq > ?", "store: documents")
}

// Pending yields the documents not yet analysed, in full and in seq
// order. Documents stored while it runs are yielded too, and documents
// analysed while it runs are skipped if not yet reached.
func (s *Store) Pending(ctx context.Context) iter.Seq2[*Document, error] {
	return s.stream(ctx, "d.analysed = 0 AND d.seq > ?", "store: pending documents")
}

func (s *Store) stream(ctx context.Context, where, what string) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		var after int64
		for {
			docs, err := s.documents(ctx, where, after, s.docPage)
			if err != nil {
				yield(nil, fmt.Errorf("%s after %d: %w", what, after, err))
				return
			}
			for _, d := range docs {
				if !yield(d, nil) {
					return
				}
			}
			if len(docs) < s.docPage {
				return
			}
			after = docs[len(docs)-1].Seq
		}
	}
}
