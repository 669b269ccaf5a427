package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Story is a story of the current view.
type Story struct {
	ID        int64   // stable: the seq of its earliest document
	Documents []int64 // seqs, in seq order
	Origin    int64   // 0 when unknown
	Partial   bool    // not every same-story pair is in Relations
	Lineage   []Edge  // who copied whom
	Siblings  [][2]int64
	// Relations lists every listed pair of the story, derived and
	// same-story. A pair given with no Detail is read back with the
	// Detail of the derived pair of the same documents saved by
	// SaveAnalyses, if any, so that it need not be stored twice.
	Relations []Pair
}

// Edge is one derivation of a lineage.
type Edge struct {
	Source, Copy int64
	Relation     string
}

// SaveView replaces the current view of stories with stories in one
// transaction. Only stories whose content changed are written, and only
// they take updated as the time they last changed: a small change to a
// large view costs little more than reading the stories' hashes. Stories
// no longer present are deleted, and every document's Story follows. A
// document must be in one story at most.
func (s *Store) SaveView(ctx context.Context, stories []Story, updated time.Time) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save view: %w", err)
	}
	defer tx.Rollback()
	old, err := storyHashes(ctx, tx)
	if err != nil {
		return fmt.Errorf("store: save view: %w", err)
	}
	v, err := newViewWriter(ctx, tx, updated)
	if err != nil {
		return fmt.Errorf("store: save view: %w", err)
	}
	defer v.close()
	seen := make(map[int64]bool, len(stories))
	var buf []byte
	for i := range stories {
		st := &stories[i]
		if st.ID == 0 || len(st.Documents) == 0 {
			return fmt.Errorf("store: save view: story %d: want an id and documents", st.ID)
		}
		if seen[st.ID] {
			return fmt.Errorf("store: save view: story %d given twice", st.ID)
		}
		seen[st.ID] = true
		var h [32]byte
		buf, h = storyHash(buf[:0], st)
		prev, existed := old[st.ID]
		delete(old, st.ID)
		if existed && prev == h {
			continue
		}
		if existed {
			if err := v.drop(ctx, st.ID); err != nil {
				return fmt.Errorf("store: save view: story %d: %w", st.ID, err)
			}
		}
		if err := v.write(ctx, st, h); err != nil {
			return fmt.Errorf("store: save view: story %d: %w", st.ID, err)
		}
	}
	for id := range old {
		if err := v.drop(ctx, id); err != nil {
			return fmt.Errorf("store: save view: delete story %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save view: commit: %w", err)
	}
	return nil
}

func storyHashes(ctx context.Context, tx *sql.Tx) (map[int64][32]byte, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, hash FROM stories")
	if err != nil {
		return nil, fmt.Errorf("read story hashes: %w", err)
	}
	defer rows.Close()
	m := make(map[int64][32]byte)
	for rows.Next() {
		var id int64
		var h sql.RawBytes
		if err := rows.Scan(&id, &h); err != nil {
			return nil, fmt.Errorf("read story hashes: %w", err)
		}
		m[id] = [32]byte(h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read story hashes: %w", err)
	}
	return m, nil
}

// storyHash returns the SHA-256 of what is stored of st, using buf as
// scratch space. Members' titles, sites and times, which the summary also
// draws on, never change once stored, so the hash leaves them out.
func storyHash(buf []byte, st *Story) ([]byte, [32]byte) {
	num := func(n int64) { buf = binary.AppendVarint(buf, n) }
	str := func(s string) { num(int64(len(s))); buf = append(buf, s...) }
	str("story/1")
	num(st.ID)
	num(st.Origin)
	num(b2i(st.Partial))
	num(int64(len(st.Documents)))
	for _, d := range st.Documents {
		num(d)
	}
	num(int64(len(st.Lineage)))
	for _, e := range st.Lineage {
		num(e.Source)
		num(e.Copy)
		str(e.Relation)
	}
	num(int64(len(st.Siblings)))
	for _, p := range st.Siblings {
		num(p[0])
		num(p[1])
	}
	num(int64(len(st.Relations)))
	for _, p := range st.Relations {
		num(p.A)
		num(p.B)
		str(p.Relation)
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p.Score))
		num(p.Source)
		num(b2i(p.Sibling))
		str(string(p.Detail))
	}
	return buf, sha256.Sum256(buf)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// viewWriter holds the statements of one SaveView transaction.
type viewWriter struct {
	updated                                                                        int64
	dropStory, clearDocs, setDoc, lead, addStory, addSite, addEdge, addSib, addRel *sql.Stmt
}

func newViewWriter(ctx context.Context, tx *sql.Tx, updated time.Time) (*viewWriter, error) {
	v := &viewWriter{updated: micros(updated)}
	for _, q := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&v.dropStory, "DELETE FROM stories WHERE id = ?"}, // cascades to its sites, lineage, siblings and relations
		{&v.clearDocs, "UPDATE documents SET story = NULL WHERE story = ?"},
		{&v.setDoc, "UPDATE documents SET story = ? WHERE seq = ? RETURNING title, site, published, added"},
		{&v.lead, "SELECT substr(body, 1, 400) FROM texts WHERE seq = ?"},
		{&v.addStory, `INSERT INTO stories (id, hash, size, origin, partial, first, last, sites, title, origin_title, origin_site, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&v.addSite, "INSERT INTO story_sites (site, story) VALUES (?, ?)"},
		{&v.addEdge, "INSERT INTO lineage (story, ord, source, copy, relation) VALUES (?, ?, ?, ?, ?)"},
		{&v.addSib, "INSERT INTO siblings (story, ord, a, b) VALUES (?, ?, ?, ?)"},
		{&v.addRel, "INSERT INTO relations (story, ord, a, b, relation, score, source, sibling, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"},
	} {
		st, err := tx.PrepareContext(ctx, q.sql)
		if err != nil {
			v.close()
			return nil, fmt.Errorf("prepare %q: %w", q.sql, err)
		}
		*q.stmt = st
	}
	return v, nil
}

func (v *viewWriter) close() {
	for _, st := range []*sql.Stmt{v.dropStory, v.clearDocs, v.setDoc, v.lead, v.addStory, v.addSite, v.addEdge, v.addSib, v.addRel} {
		if st != nil {
			st.Close()
		}
	}
}

// drop deletes story id and takes its documents out of it. A document
// already moved to a story written earlier in the transaction no longer
// names id, so keeps its new story.
func (v *viewWriter) drop(ctx context.Context, id int64) error {
	if _, err := v.dropStory.ExecContext(ctx, id); err != nil {
		return err
	}
	if _, err := v.clearDocs.ExecContext(ctx, id); err != nil {
		return fmt.Errorf("clear its documents: %w", err)
	}
	return nil
}

// member is what a story's summary draws from one of its documents.
type member struct {
	seq         int64
	title, site string
	when        int64 // published, else added, in microseconds
}

func (v *viewWriter) write(ctx context.Context, st *Story, hash [32]byte) error {
	members := make([]member, 0, len(st.Documents))
	for _, seq := range st.Documents {
		m := member{seq: seq}
		var published sql.NullString
		err := v.setDoc.QueryRowContext(ctx, st.ID, seq).Scan(&m.title, &m.site, &published, &m.when)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %d: %w", seq, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("document %d: %w", seq, err)
		}
		if published.Valid {
			if t, err := time.Parse(time.RFC3339Nano, published.String); err == nil {
				m.when = micros(t)
			}
		}
		if m.title == "" {
			// A story is listed by a title: an untitled text's lead
			// serves, as a reader would quote it.
			var body string
			if err := v.lead.QueryRowContext(ctx, seq).Scan(&body); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("document %d: %w", seq, err)
			}
			m.title = leadOf(body)
		}
		members = append(members, m)
	}
	sum := summarise(st, members)
	sites, err := json.Marshal(sum.Sites)
	if err != nil {
		return fmt.Errorf("encode sites: %w", err)
	}
	if _, err := v.addStory.ExecContext(ctx, st.ID, hash[:], len(members), nullSeq(st.Origin), st.Partial,
		micros(sum.First), micros(sum.Last), string(sites), sum.Title, sum.OriginTitle, sum.OriginSite, v.updated); err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	for _, site := range sum.Sites {
		if _, err := v.addSite.ExecContext(ctx, site, st.ID); err != nil {
			return fmt.Errorf("insert site %q: %w", site, err)
		}
	}
	for i, e := range st.Lineage {
		if _, err := v.addEdge.ExecContext(ctx, st.ID, i, e.Source, e.Copy, e.Relation); err != nil {
			return fmt.Errorf("insert lineage %d->%d: %w", e.Source, e.Copy, err)
		}
	}
	for i, p := range st.Siblings {
		if _, err := v.addSib.ExecContext(ctx, st.ID, i, p[0], p[1]); err != nil {
			return fmt.Errorf("insert siblings %d, %d: %w", p[0], p[1], err)
		}
	}
	for i, p := range st.Relations {
		if p.A >= p.B {
			return fmt.Errorf("relation %d-%d: want A earlier", p.A, p.B)
		}
		if _, err := v.addRel.ExecContext(ctx, st.ID, i, p.A, p.B, p.Relation, p.Score, nullSeq(p.Source), p.Sibling, nullText(p.Detail)); err != nil {
			return fmt.Errorf("insert relation %d-%d: %w", p.A, p.B, err)
		}
	}
	return nil
}

// summarise returns the listing fields of st, whose documents are members.
func summarise(st *Story, members []member) StorySummary {
	sum := StorySummary{ID: st.ID, Size: int64(len(members)), Origin: st.Origin}
	first, last := int64(math.MaxInt64), int64(math.MinInt64)
	earliest := members[0]
	for _, m := range members {
		first, last = min(first, m.when), max(last, m.when)
		if m.seq < earliest.seq {
			earliest = m
		}
		if m.site != "" {
			sum.Sites = append(sum.Sites, m.site)
		}
		if m.seq == st.Origin {
			sum.OriginTitle, sum.OriginSite = m.title, m.site
		}
	}
	slices.Sort(sum.Sites)
	sum.Sites = slices.Compact(sum.Sites)
	sum.First, sum.Last = fromMicros(first), fromMicros(last)
	sum.Title = sum.OriginTitle
	if sum.Title == "" {
		sum.Title = earliest.title
	}
	return sum
}

// StoryQuery selects stories to list.
type StoryQuery struct {
	Limit, Offset int    // Limit 0 means 50
	Site          string // only stories with a document from Site
	MinSize       int    // only stories of at least MinSize documents
}

// StorySummary is a story as listed.
type StorySummary struct {
	ID, Size, Origin        int64
	OriginTitle, OriginSite string
	Sites                   []string // sorted
	// First and Last are the times of its earliest and latest documents:
	// when published, else when stored.
	First, Last time.Time
	Updated     time.Time // when its content last changed
	Title       string    // the origin's title, else the earliest document's
}

// Stories lists the stories matching q, the latest first: by the time of
// their latest document.
func (s *Store) Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	var where strings.Builder
	args := []any{q.MinSize}
	where.WriteString("size >= ?")
	if q.Site != "" {
		where.WriteString(" AND id IN (SELECT story FROM story_sites WHERE site = ?)")
		args = append(args, q.Site)
	}
	args = append(args, q.Limit, max(q.Offset, 0))
	rows, err := s.r.QueryContext(ctx, `SELECT id, size, coalesce(origin, 0), origin_title, origin_site, sites, first, last, updated, title
		FROM stories WHERE `+where.String()+` ORDER BY last DESC, id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list stories: %w", err)
	}
	defer rows.Close()
	var list []StorySummary
	for rows.Next() {
		var (
			sum                  StorySummary
			sites                sql.RawBytes
			first, last, updated int64
		)
		if err := rows.Scan(&sum.ID, &sum.Size, &sum.Origin, &sum.OriginTitle, &sum.OriginSite, &sites,
			&first, &last, &updated, &sum.Title); err != nil {
			return nil, fmt.Errorf("store: list stories: %w", err)
		}
		if err := json.Unmarshal(sites, &sum.Sites); err != nil {
			return nil, fmt.Errorf("store: list stories: story %d: sites: %w", sum.ID, err)
		}
		sum.First, sum.Last, sum.Updated = fromMicros(first), fromMicros(last), fromMicros(updated)
		list = append(list, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list stories: %w", err)
	}
	return list, nil
}

// CountStories returns the number of stories in the current view.
func (s *Store) CountStories(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM stories").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count stories: %w", err)
	}
	return n, nil
}

// Story returns story id of the current view and its documents, in seq
// order and without Paragraphs and Removed.
func (s *Store) Story(ctx context.Context, id int64) (*Story, []*Document, error) {
	st, docs, err := s.story(ctx, id)
	if err != nil {
		return nil, nil, fmt.Errorf("store: story %d: %w", id, err)
	}
	return st, docs, nil
}

func (s *Store) story(ctx context.Context, id int64) (*Story, []*Document, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	st := &Story{ID: id}
	var origin sql.NullInt64
	err = tx.QueryRowContext(ctx, "SELECT origin, partial FROM stories WHERE id = ?", id).Scan(&origin, &st.Partial)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	st.Origin = origin.Int64

	rows, err := tx.QueryContext(ctx, "SELECT "+summaryColumns+" FROM documents d WHERE d.story = ? ORDER BY d.seq", id)
	if err != nil {
		return nil, nil, fmt.Errorf("documents: %w", err)
	}
	r := newDocRow()
	dest := r.dest(false)
	var docs []*Document
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("documents: %w", err)
		}
		d, err := r.doc(false)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		docs = append(docs, d)
		st.Documents = append(st.Documents, d.Seq)
	}
	if err := cmp.Or(rows.Err(), rows.Close()); err != nil {
		return nil, nil, fmt.Errorf("documents: %w", err)
	}

	if err := each(ctx, tx, "SELECT source, copy, relation FROM lineage WHERE story = ? ORDER BY ord", id, func(rows *sql.Rows) error {
		var e Edge
		err := rows.Scan(&e.Source, &e.Copy, &e.Relation)
		st.Lineage = append(st.Lineage, e)
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("lineage: %w", err)
	}
	if err := each(ctx, tx, "SELECT a, b FROM siblings WHERE story = ? ORDER BY ord", id, func(rows *sql.Rows) error {
		var p [2]int64
		err := rows.Scan(&p[0], &p[1])
		st.Siblings = append(st.Siblings, p)
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("siblings: %w", err)
	}
	if err := each(ctx, tx, `SELECT r.a, r.b, r.relation, r.score, r.source, r.sibling, coalesce(r.detail, p.detail)
		FROM relations r LEFT JOIN pairs p ON p.b = r.b AND p.a = r.a WHERE r.story = ? ORDER BY r.ord`, id, func(rows *sql.Rows) error {
		p, err := scanPair(rows)
		st.Relations = append(st.Relations, p)
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("relations: %w", err)
	}
	return st, docs, nil
}

// each runs query with arg and calls f on each row.
func each(ctx context.Context, tx *sql.Tx, query string, arg any, f func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Relation returns the relation between documents a and b, given in
// either order: as the current view lists it, else as their analysis
// found it.
func (s *Store) Relation(ctx context.Context, a, b int64) (*Pair, error) {
	if a > b {
		a, b = b, a
	}
	p, err := scanPair(s.r.QueryRowContext(ctx, `SELECT a, b, relation, score, source, sibling, detail FROM (
			SELECT 0 AS pref, r.a, r.b, r.relation, r.score, r.source, r.sibling, coalesce(r.detail, p.detail) AS detail
			FROM relations r LEFT JOIN pairs p ON p.b = r.b AND p.a = r.a WHERE r.a = ?1 AND r.b = ?2
			UNION ALL
			SELECT 1, a, b, relation, score, source, sibling, detail FROM pairs WHERE b = ?2 AND a = ?1
		) ORDER BY pref LIMIT 1`, a, b))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: relation %d-%d: %w", a, b, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: relation %d-%d: %w", a, b, err)
	}
	return &p, nil
}

// leadOf is the start of a text as a title: its first line, cut at a word
// boundary near 100 bytes.
func leadOf(body string) string {
	body, _, _ = strings.Cut(strings.TrimSpace(body), "\n")
	if len(body) <= 100 {
		return body
	}
	cut := strings.LastIndexByte(body[:100], ' ')
	if cut <= 0 {
		cut = 100
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
	}
	return strings.TrimRight(body[:cut], " ,;:") + "…"
}
