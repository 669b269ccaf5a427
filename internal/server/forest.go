package server

import (
	"github.com/stemma-news/stemma/internal/analysis"
)

// forest is a story's lineage arranged for reading and drawing: trees of
// sources and their copies, the origin's first, and the independent
// reports of the story after them.
type forest struct {
	order    []string // every document once: each tree depth first from its root, then the independent reports
	depth    map[string]int
	parent   map[string]string   // the tree edges: each copy's source
	children map[string][]string // the copies of each document, along the tree edges
	roots    []string            // documents with no parent in the story, in the order of order
	// independent are the roots without copies, other than the origin:
	// reports of the same event that nothing in the story derives from.
	independent map[string]bool
}

// newForest arranges story s. A parent outside the story, or a loop of
// parents (which a sound lineage never has, but a store can be
// corrupted), makes its document a root rather than losing it.
func newForest(s *analysis.Story) *forest {
	f := &forest{depth: map[string]int{}, parent: map[string]string{}, children: map[string][]string{}, independent: map[string]bool{}}
	in := make(map[string]bool, len(s.Documents))
	for _, id := range s.Documents {
		in[id] = true
	}
	parent := func(id string) (string, bool) {
		if s.Lineage == nil {
			return "", false
		}
		p, ok := s.Lineage.Parent[id]
		return p, ok && in[p] && p != id
	}
	copies := map[string][]string{}
	for _, id := range s.Documents {
		if p, ok := parent(id); ok {
			copies[p] = append(copies[p], id)
		}
	}
	seen := make(map[string]bool, len(s.Documents))
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		seen[id] = true
		f.depth[id] = depth
		f.order = append(f.order, id)
		for _, c := range copies[id] {
			if !seen[c] {
				f.parent[c] = id
				f.children[id] = append(f.children[id], c)
				walk(c, depth+1)
			}
		}
	}
	root := func(id string) {
		if !seen[id] {
			f.roots = append(f.roots, id)
			walk(id, 0)
		}
	}
	if in[s.Origin] {
		root(s.Origin)
	}
	var lone []string
	for _, id := range s.Documents {
		if _, ok := parent(id); ok || seen[id] {
			continue
		}
		if len(copies[id]) == 0 {
			lone = append(lone, id)
			continue
		}
		root(id)
	}
	for _, id := range lone {
		f.independent[id] = true
		root(id)
	}
	// What is left sits on a loop of parents: draw it from anywhere.
	for _, id := range s.Documents {
		root(id)
	}
	return f
}
