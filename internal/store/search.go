package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// Hit is a document found by Search.
type Hit struct {
	Seq   int64
	ID    string
	Title string
	Site  string
	Story int64 // 0 none
	// Snippet is a passage of the title or text around the matched
	// words, which are marked by SnippetStart and SnippetEnd; cut ends
	// are marked by SnippetEllipsis. It is plain text: escape it, then
	// turn the markers into highlighting.
	Snippet string
	Rank    float64 // higher is better
}

// The markers of Hit.Snippet: control characters, which no escaping
// changes and no article text holds.
const (
	SnippetStart    = "\x02"
	SnippetEnd      = "\x03"
	SnippetEllipsis = "…"
)

// Search returns up to limit documents (20 when limit is 0) holding every
// word of query, best first, titles weighing more than text. Each word is
// searched for as written, so no query is a syntax error and none of FTS5's
// operators can be used.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	match := matchQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.r.QueryContext(ctx, `SELECT d.seq, d.id, d.title, d.site, coalesce(d.story, 0),
			snippet(search, -1, ?, ?, ?, 24), -bm25(search, 4.0, 1.0) AS score
		FROM search JOIN documents d ON d.seq = search.rowid
		WHERE search MATCH ? ORDER BY score DESC, d.seq LIMIT ?`,
		SnippetStart, SnippetEnd, SnippetEllipsis, match, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Seq, &h.ID, &h.Title, &h.Site, &h.Story, &h.Snippet, &h.Rank); err != nil {
			return nil, fmt.Errorf("store: search %q: %w", query, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	return hits, nil
}

// matchQuery turns the words of user text into an FTS5 query of quoted
// strings, all of which must match. Words without a letter or digit are
// dropped: the tokenizer would find nothing in them to search for.
func matchQuery(q string) string {
	var b strings.Builder
	for _, w := range strings.Fields(q) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}
