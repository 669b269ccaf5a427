package relate

import (
	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
)

// FindChanges lists what the copy of a derived pair altered against its
// source, in p.Changes. It does nothing for a pair that is not derived,
// whose direction is unknown, or whose texts were let go.
func (p *Pair) FindChanges() {
	if p.Source != "" {
		p.FindChangesAgainst(p.Source)
	}
}

// FindChangesAgainst lists what the other document of a derived pair
// altered against the one with ID source, whether or not the evidence
// named it the source: for a reader who knows which came first.
func (p *Pair) FindChangesAgainst(source string) {
	if !p.Relation.Derived() || p.A.Text == nil || p.B.Text == nil || source != p.A.ID && source != p.B.ID {
		return
	}
	src, cp := p.A, p.B
	var links []align.Link
	if p.Alignment != nil {
		links = p.Alignment.Links
	}
	if source == p.B.ID && p.A.ID != p.B.ID {
		src, cp = p.B, p.A
		links = align.Swap(links)
	}
	sp := src.ChangeProfile()
	cpp := sp
	if p.Relation == Duplicate && len(src.Text.Sentences) == len(cp.Text.Sentences) {
		// The same text: every sentence is its own counterpart, the
		// copy's facts are the source's, and only credits can differ.
		links = make([]align.Link, len(src.Text.Sentences))
		for i := range links {
			links[i] = align.Link{A: i, B: i, Score: 1, Kind: align.Verbatim}
		}
	} else {
		cpp = cp.ChangeProfile()
	}
	p.ChangesAgainst = src.ID
	p.Changes = change.Find(change.Side{Text: src.Text, Credits: src.Credits, Profile: sp},
		change.Side{Text: cp.Text, Credits: cp.Credits, Profile: cpp}, links)
}
