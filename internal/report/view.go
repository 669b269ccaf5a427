package report

import (
	"cmp"
	"slices"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/relate"
)

// storyView arranges one story for the human-readable reports: its
// lineage as a tree from the origin, and the documents derived from
// nothing in it.
type storyView struct {
	story       *analysis.Story
	docs        map[string]*analysis.Summary
	children    map[string][]string
	pair        map[[2]string]*relate.Pair
	roots       []string // documents with no parent, origin first
	independent []string // roots with no copies, other than the origin
	res         *analysis.Result
	// err is the first failure to read back a change list; the report
	// ends with it.
	err error
}

func newStoryView(r *analysis.Result, s *analysis.Story, docs map[string]*analysis.Summary, pairs map[[2]string]*relate.Pair) *storyView {
	v := &storyView{story: s, docs: docs, children: map[string][]string{}, pair: pairs, res: r}
	for _, id := range s.Documents {
		if p, ok := s.Lineage.Parent[id]; ok {
			v.children[p] = append(v.children[p], id)
		}
	}
	for _, id := range s.Documents {
		if _, ok := s.Lineage.Parent[id]; ok {
			continue
		}
		if id == s.Origin || len(v.children[id]) > 0 {
			v.roots = append(v.roots, id)
		} else {
			v.independent = append(v.independent, id)
		}
	}
	slices.SortStableFunc(v.roots, func(a, b string) int {
		switch {
		case a == s.Origin:
			return -1
		case b == s.Origin:
			return 1
		}
		return cmp.Compare(len(v.children[b]), len(v.children[a]))
	})
	return v
}

// changesAgainst returns what id changed against parent, as its pair p
// lists it, or nil; see changesIn.
func (v *storyView) changesAgainst(p *relate.Pair, parent string) *change.List {
	l, against, err := changesIn(v.res, p)
	if err != nil && v.err == nil {
		v.err = err
	}
	if against != parent {
		// A tree edge the pair's own direction does not agree with
		// would list them the wrong way round.
		return nil
	}
	return l
}

// pairOf returns the pair of two documents, whichever order it was stored in.
func (v *storyView) pairOf(a, b string) *relate.Pair {
	if p := v.pair[[2]string{a, b}]; p != nil {
		return p
	}
	return v.pair[[2]string{b, a}]
}

func indexes(r *analysis.Result) (map[string]*analysis.Summary, map[[2]string]*relate.Pair) {
	docs := make(map[string]*analysis.Summary, len(r.Documents))
	for _, d := range r.Documents {
		docs[d.ID] = d
	}
	pairs := make(map[[2]string]*relate.Pair, len(r.Pairs))
	for _, p := range r.Pairs {
		pairs[[2]string{p.A.ID, p.B.ID}] = p
	}
	return docs, pairs
}

func countDerived(r *analysis.Result) int {
	n := 0
	for _, p := range r.Pairs {
		if p.Relation.Derived() && !p.Sibling {
			n++
		}
	}
	return n
}

func label(d *analysis.Summary) string {
	if d == nil {
		return ""
	}
	t := d.Title
	if t == "" {
		t = d.Lead
	}
	if r := []rune(t); len(r) > 72 {
		t = string(r[:71]) + "…"
	}
	return t
}
