package lineage

import (
	"cmp"
	"slices"
	"time"
)

// Pair is a derived pair of documents. Source is A or B when the
// direction is known, "" when it is not.
type Pair struct {
	A, B   string
	Source string
	Score  float64
}

// Node is a document of the story.
type Node struct {
	ID        string
	Published time.Time // zero when unknown
}

// Lineage is the derivation graph of one story.
type Lineage struct {
	// Origin is the story's earliest known source, "" when nothing tells.
	Origin string
	// Parent maps each copy to the document it was made from.
	Parent map[string]string
	// Siblings lists pairs of copies of one source (in the collection or
	// not) that were not made from each other, each pair sorted.
	Siblings [][2]string
}

// Build derives the lineage of the nodes from their derived pairs.
//
// Documents are ranked by how often the evidence makes them a source
// rather than a copy; a copy takes as parent the best-scoring source that
// ranks above it. Ranking first and then choosing parents among
// higher-ranked documents keeps the graph a forest whatever the pairwise
// evidence says.
func Build(nodes []Node, pairs []Pair) *Lineage {
	l := &Lineage{Parent: map[string]string{}}
	rank := map[string]int{}
	published := map[string]time.Time{}
	for _, n := range nodes {
		rank[n.ID] = 0
		published[n.ID] = n.Published
	}
	for _, p := range pairs {
		switch p.Source {
		case p.A:
			rank[p.A]++
			rank[p.B]--
		case p.B:
			rank[p.B]++
			rank[p.A]--
		}
	}
	order := make([]string, 0, len(nodes))
	for _, n := range nodes {
		order = append(order, n.ID)
	}
	slices.SortFunc(order, func(x, y string) int {
		if c := cmp.Compare(rank[y], rank[x]); c != 0 {
			return c
		}
		if c := compareTime(published[x], published[y]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	pos := map[string]int{}
	for i, id := range order {
		pos[id] = i
	}

	best := map[string]float64{}
	for _, p := range pairs {
		src, cp := p.Source, other(p, p.Source)
		if src == "" || pos[src] >= pos[cp] {
			continue
		}
		if s, ok := best[cp]; !ok || p.Score > s || p.Score == s && src < l.Parent[cp] {
			best[cp] = p.Score
			l.Parent[cp] = src
		}
	}

	for _, p := range pairs {
		if l.Parent[p.A] == p.B || l.Parent[p.B] == p.A {
			continue
		}
		pa, pb := l.Parent[p.A], l.Parent[p.B]
		if pa == pb || pa != "" && pa == l.root(p.B) || pb != "" && pb == l.root(p.A) || p.Source == "" {
			s := [2]string{min(p.A, p.B), max(p.A, p.B)}
			l.Siblings = append(l.Siblings, s)
		}
	}
	slices.SortFunc(l.Siblings, func(x, y [2]string) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	})

	l.Origin = l.origin(order, published)
	return l
}

// origin is the root with the most descendants; with no derivation at all,
// the earliest published document, or "" when no date is known.
func (l *Lineage) origin(order []string, published map[string]time.Time) string {
	desc := map[string]int{}
	for c := range l.Parent {
		desc[l.root(c)]++
	}
	best, bestN := "", 0
	for _, id := range order {
		if _, isCopy := l.Parent[id]; isCopy {
			continue
		}
		if desc[id] > bestN {
			best, bestN = id, desc[id]
		}
	}
	if best != "" {
		return best
	}
	if len(order) == 1 {
		return order[0]
	}
	var first string
	for _, id := range order {
		if t := published[id]; !t.IsZero() && (first == "" || t.Before(published[first])) {
			first = id
		}
	}
	return first
}

func (l *Lineage) root(id string) string {
	for seen := 0; seen <= len(l.Parent); seen++ {
		p, ok := l.Parent[id]
		if !ok {
			return id
		}
		id = p
	}
	return id
}

func other(p Pair, id string) string {
	if id == p.A {
		return p.B
	}
	return p.A
}

// compareTime orders known times before unknown ones.
func compareTime(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}
