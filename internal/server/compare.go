package server

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/relate"
	"github.com/stemma-news/stemma/internal/report"
	"github.com/stemma-news/stemma/internal/store"
)

// Bounds of the work one comparison may cost the server: alignment grows
// with the product of the two texts' sentences, a word diff with the
// product of two sentences' words.
const (
	maxCompareWords = 50_000
	maxDiffProduct  = 1 << 20
)

// comparison is two stored documents aligned.
type comparison struct {
	a, b *store.Document
	pair *relate.Pair
}

// compare aligns the documents named by the parameters a and b, and
// lists the changes of one against the other: against the source when
// the evidence tells which it is, against a otherwise, as stemma compare
// does.
func (s *Server) compare(r *http.Request) (*comparison, error) {
	q := r.URL.Query()
	a, b := q.Get("a"), q.Get("b")
	if a == "" || b == "" {
		return nil, errorf(http.StatusBadRequest, "compare needs two documents: ?a=ID&b=ID, the source first when you know it")
	}
	da, err := s.document(r, a)
	if err != nil {
		return nil, err
	}
	db, err := s.document(r, b)
	if err != nil {
		return nil, err
	}
	for _, d := range []*store.Document{da, db} {
		if d.Words > maxCompareWords {
			return nil, errorf(http.StatusUnprocessableEntity, "document %q has %d words, more than the %d the server compares: use stemma compare", d.ID, d.Words, maxCompareWords)
		}
	}
	p := relate.Compare(relate.NewDoc(toDocument(da)), relate.NewDoc(toDocument(db)))
	if p.Source != "" {
		p.FindChanges()
	} else {
		p.FindChangesAgainst(p.A.ID)
	}
	return &comparison{a: da, b: db, pair: p}, nil
}

// toDocument is the document a stored one holds, ready to compare.
func toDocument(d *store.Document) *document.Document {
	return &document.Document{ID: d.ID, Origin: d.Origin, Format: d.Format, Title: d.Title, Byline: d.Byline,
		Published: d.Published, Site: d.Site, URL: d.URL, Paragraphs: d.Paragraphs, Credits: d.Credits, Removed: d.Removed}
}

// compareView is the side-by-side page.
type compareView struct {
	A, B        docHead
	Relation    string
	Score       float64
	Source      string
	Evidence    []string
	ChangesHead string
	Changes     []compareChange
	Reworded    int
	QuotesKept  []string
	Rows        []compareRow
	Swap        string // the same two the other way round
	JSONHref    string
}

// compareChange is a change in the list above the rows, linked to the
// first row that carries it.
type compareChange struct {
	Anchor string
	changeView
	Row string
}

type compareRow struct {
	Anchor      string
	Left, Right []wordRun
	// Class marks a row that carries changes ("changed") and a sentence
	// with no counterpart ("alone-a" or "alone-b", by its side).
	Class   string
	Link    string // the link's kind and score
	Changes []rowChange
}

// wordRun is words of a sentence, Op "del" when only in A's, "ins" when
// only in B's, "" when in both.
type wordRun struct{ Text, Op string }

type rowChange struct{ Kind, Href string }

// comparePage is GET /compare: two documents side by side, sentence
// aligned, the changed words marked and the changes listed above.
func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) error {
	c, err := s.compare(r)
	if err != nil {
		return err
	}
	v := newCompareView(c)
	return s.render(w, http.StatusOK, "compare", page{Title: c.a.ID + " and " + c.b.ID, Data: v})
}

func newCompareView(c *comparison) *compareView {
	p := c.pair
	head := func(d *store.Document) docHead {
		return docHead{ID: d.ID, Title: d.Title, Site: d.Site, Byline: d.Byline, URL: d.URL, Link: liveLink(d.URL), Href: documentHref(d.ID), Published: d.Published, Words: d.Words}
	}
	v := &compareView{A: head(c.a), B: head(c.b), Relation: cmp.Or(string(p.Relation), "unrelated"), Score: p.Score, Source: p.Source,
		Evidence: p.Evidence, Swap: compareHref(c.b.ID, c.a.ID), JSONHref: "/api" + compareHref(c.a.ID, c.b.ID)}
	rows := report.Rows(withIdentity(p))
	for k, r := range rows {
		row := compareRow{Anchor: fmt.Sprintf("r%d", k+1)}
		switch {
		case r.Link != nil:
			row.Left, row.Right = diffRuns(p.A.Text.Sentences[r.A].Text, p.B.Text.Sentences[r.B].Text)
			row.Link = fmt.Sprintf("%s %.2f", r.Link.Kind, r.Link.Score)
		case r.A >= 0:
			row.Left, row.Class = []wordRun{{Text: p.A.Text.Sentences[r.A].Text}}, "alone-a"
		default:
			row.Right, row.Class = []wordRun{{Text: p.B.Text.Sentences[r.B].Text}}, "alone-b"
		}
		if len(r.Changes) > 0 {
			row.Class = strings.TrimSpace("changed " + row.Class)
		}
		for _, i := range r.Changes {
			row.Changes = append(row.Changes, rowChange{Kind: string(p.Changes.Changes[i].Kind), Href: fmt.Sprintf("#change-%d", i)})
		}
		v.Rows = append(v.Rows, row)
	}
	if p.Changes == nil || p.ChangesAgainst == "" {
		return v
	}
	other := p.A.ID
	if p.ChangesAgainst == p.A.ID {
		other = p.B.ID
	}
	v.ChangesHead = fmt.Sprintf("What %s changed against %s, its source", other, p.ChangesAgainst)
	if p.ChangesAgainst != p.Source {
		v.ChangesHead = fmt.Sprintf("What %s changed against %s, taken as the source", other, p.ChangesAgainst)
	}
	v.Reworded, v.QuotesKept = p.Changes.Reworded, p.Changes.QuotesKept
	first := map[int]string{}
	for k, r := range rows {
		for _, i := range r.Changes {
			if _, ok := first[i]; !ok {
				first[i] = fmt.Sprintf("#r%d", k+1)
			}
		}
	}
	for i, cv := range changeViews(p.Changes, "") {
		cv.Href = ""
		v.Changes = append(v.Changes, compareChange{Anchor: fmt.Sprintf("change-%d", i), changeView: cv, Row: first[i]})
	}
	return v
}

// withIdentity returns p, or for a duplicate pair, which is decided
// without aligning, p with every sentence linked to its counterpart, as
// the change finder links them: the view then shows the two texts side
// by side rather than every sentence alone.
func withIdentity(p *relate.Pair) *relate.Pair {
	if p.Relation != relate.Duplicate || p.Alignment != nil || len(p.A.Text.Sentences) != len(p.B.Text.Sentences) {
		return p
	}
	q := *p
	q.Alignment = &align.Alignment{Links: make([]align.Link, len(p.A.Text.Sentences))}
	for i := range q.Alignment.Links {
		q.Alignment.Links[i] = align.Link{A: i, B: i, Score: 1, Kind: align.Verbatim}
	}
	return &q
}

// diffRuns returns the words of two linked sentences, those only on one
// side marked. Sentences too long to diff cheaply are marked whole.
func diffRuns(a, b string) (left, right []wordRun) {
	if len(strings.Fields(a))*len(strings.Fields(b)) > maxDiffProduct {
		return []wordRun{{a, "del"}}, []wordRun{{b, "ins"}}
	}
	for _, op := range align.Diff(a, b) {
		switch op.Kind {
		case align.Equal:
			left = append(left, wordRun{Text: op.Text})
			right = append(right, wordRun{Text: op.B})
		case align.Delete:
			left = append(left, wordRun{op.Text, "del"})
		case align.Insert:
			right = append(right, wordRun{op.Text, "ins"})
		}
	}
	return left, right
}
