package live

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/store"
)

// Exported is one document of an export: the document, its story, and
// what it was made from and changed.
type Exported struct {
	ID        string     `json:"id"`
	Seq       int64      `json:"seq"`
	Title     string     `json:"title"`
	Site      string     `json:"site"`
	URL       string     `json:"url,omitempty"`
	Byline    string     `json:"byline,omitempty"`
	Published *time.Time `json:"published"`
	Added     time.Time  `json:"added"`
	Words     int        `json:"words"`
	Text      string     `json:"text,omitempty"`
	// Story is the story's ID in the store, 0 for a document not yet
	// analysed; Origin the ID of the story's origin.
	Story  int64  `json:"story"`
	Origin string `json:"origin,omitempty"`
	// Source is the document this one was made from, by Relation.
	Source   string          `json:"source,omitempty"`
	Relation string          `json:"relation,omitempty"`
	Score    float64         `json:"score,omitempty"`
	Changes  []change.Change `json:"changes,omitempty"`
}

// ExportOptions choose what an export holds.
type ExportOptions struct {
	// NoText leaves the documents' text out.
	NoText bool
}

// Export calls emit with every document of st, in arrival order, with
// its story, source and changes.
func Export(ctx context.Context, st *store.Store, opt ExportOptions, emit func(*Exported) error) error {
	// A story's documents come in arrival order, spread over the whole
	// store: its result is read once and kept while it has documents
	// still to come.
	type kept struct {
		res  *analysis.Result
		left int
	}
	stories := map[int64]*kept{}
	for d, err := range st.Each(ctx) {
		if err != nil {
			return err
		}
		e := &Exported{ID: d.ID, Seq: d.Seq, Title: d.Title, Site: d.Site, URL: d.URL, Byline: d.Byline,
			Added: d.Added, Words: d.Words, Story: d.Story}
		if !d.Published.IsZero() {
			p := d.Published
			e.Published = &p
		}
		if !opt.NoText {
			e.Text = strings.Join(d.Paragraphs, "\n\n")
		}
		if d.Story != 0 {
			s := stories[d.Story]
			if s == nil {
				res, err := StoryResult(ctx, st, d.Story)
				if err != nil {
					return fmt.Errorf("story %d: %w", d.Story, err)
				}
				s = &kept{res: res, left: len(res.Documents)}
				stories[d.Story] = s
			}
			describe(e, s.res)
			if s.left--; s.left <= 0 {
				delete(stories, d.Story)
			}
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// describe fills in e's story, source, relation and changes from its
// story's result.
func describe(e *Exported, res *analysis.Result) {
	s := res.Stories[0]
	e.Origin = s.Origin
	parent, ok := s.Lineage.Parent[e.ID]
	if !ok {
		return
	}
	e.Source = parent
	for _, p := range res.Pairs {
		if (p.A.ID == e.ID && p.B.ID == parent) || (p.B.ID == e.ID && p.A.ID == parent) {
			e.Relation, e.Score = string(p.Relation), p.Score
			if p.Changes != nil && p.ChangesAgainst == parent {
				e.Changes = p.Changes.Changes
			}
			return
		}
	}
}

// JSONL writes an export as one JSON object a line.
func JSONL(ctx context.Context, w io.Writer, st *store.Store, opt ExportOptions) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return Export(ctx, st, opt, func(e *Exported) error { return enc.Encode(e) })
}

// CSVHeader is the first row of a CSV export.
var CSVHeader = []string{"seq", "id", "title", "site", "url", "byline", "published", "words", "story", "origin", "source", "relation", "score", "changes"}

// CSV writes an export as CSV, one document a row: the changes are
// summarised in one cell, one change a line, and the text is left out.
func CSV(ctx context.Context, w io.Writer, st *store.Store) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	err := Export(ctx, st, ExportOptions{NoText: true}, func(e *Exported) error {
		published := ""
		if e.Published != nil {
			published = e.Published.Format(time.RFC3339)
		}
		var ch []string
		for _, c := range e.Changes {
			ch = append(ch, c.String())
		}
		score := ""
		if e.Relation != "" {
			score = strconv.FormatFloat(e.Score, 'f', 3, 64)
		}
		return cw.Write([]string{strconv.FormatInt(e.Seq, 10), cell(e.ID), cell(e.Title), cell(e.Site), cell(e.URL), cell(e.Byline), published,
			strconv.Itoa(e.Words), storyCell(e.Story), cell(e.Origin), cell(e.Source), e.Relation, score, cell(strings.Join(ch, "\n"))})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func storyCell(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// cell guards a cell of article text against spreadsheet formulas: a
// title beginning "=HYPERLINK(" must not run when the export is opened.
// Such a cell is prefixed with an apostrophe, as OWASP advises.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
