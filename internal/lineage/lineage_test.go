package lineage

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"
)

func nodes(ids ...string) []Node {
	out := make([]Node, len(ids))
	for i, id := range ids {
		out[i] = Node{ID: id}
	}
	return out
}

func TestBuild(t *testing.T) {
	day := time.Date(2025, 4, 23, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		nodes    []Node
		pairs    []Pair
		origin   string
		parent   map[string]string
		siblings [][2]string
	}{
		{
			name:  "three copies of one source, the copies also alike",
			nodes: nodes("src", "c1", "c2", "c3", "ind"),
			pairs: []Pair{
				{A: "src", B: "c1", Source: "src", Score: 0.6},
				{A: "src", B: "c2", Source: "src", Score: 0.6},
				{A: "src", B: "c3", Source: "src", Score: 0.6},
				{A: "c1", B: "c2", Source: "c1", Score: 0.5},
				{A: "c2", B: "c3", Score: 0.4},
			},
			origin:   "src",
			parent:   map[string]string{"c1": "src", "c2": "src", "c3": "src"},
			siblings: [][2]string{{"c1", "c2"}, {"c2", "c3"}},
		},
		{
			name:  "a chain",
			nodes: nodes("a", "b", "c"),
			pairs: []Pair{
				{A: "a", B: "b", Source: "a", Score: 0.9},
				{A: "b", B: "c", Source: "b", Score: 0.9},
				{A: "a", B: "c", Source: "a", Score: 0.5},
			},
			origin: "a",
			parent: map[string]string{"b": "a", "c": "b"},
		},
		{
			name:     "two copies of a source not in the collection",
			nodes:    nodes("x", "y"),
			pairs:    []Pair{{A: "x", B: "y", Score: 0.7}},
			parent:   map[string]string{},
			siblings: [][2]string{{"x", "y"}},
		},
		{
			name:   "independent reports: the earliest is the origin",
			nodes:  []Node{{ID: "late", Published: day.Add(time.Hour)}, {ID: "early", Published: day}, {ID: "undated"}},
			origin: "early",
			parent: map[string]string{},
		},
		{
			name:   "contradictory directions still give a tree",
			nodes:  nodes("a", "b", "c"),
			pairs:  []Pair{{A: "a", B: "b", Source: "a", Score: 0.8}, {A: "b", B: "c", Source: "b", Score: 0.8}, {A: "c", B: "a", Source: "c", Score: 0.8}},
			origin: "a",
			parent: map[string]string{"b": "a", "c": "b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Build(tt.nodes, tt.pairs)
			if l.Origin != tt.origin {
				t.Errorf("origin %q, want %q", l.Origin, tt.origin)
			}
			if !maps.Equal(l.Parent, tt.parent) {
				t.Errorf("parents %v, want %v", l.Parent, tt.parent)
			}
			if !slices.Equal(l.Siblings, tt.siblings) {
				t.Errorf("siblings %v, want %v", l.Siblings, tt.siblings)
			}
			for c := range l.Parent {
				if l.root(c) == c {
					t.Errorf("cycle through %s", c)
				}
			}
		})
	}
}

func ExampleBuild() {
	l := Build(nodes("wire", "copy"), []Pair{{A: "wire", B: "copy", Source: "wire", Score: 0.8}})
	fmt.Println(l.Origin, l.Parent["copy"])
	// Output: wire wire
}
