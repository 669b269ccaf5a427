package server

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/lineage"
)

// fixedStory is a small lineage with every kind of node and edge: an
// origin with two copies (siblings of each other), a copy of a copy, a
// second tree whose source is not the origin, an independent report, and
// a site made of markup.
func fixedStory() (*analysis.Story, map[string]*analysis.Summary, map[[2]string]string) {
	s := &analysis.Story{ID: "s1", Documents: []string{"wire", "rewrite", "near", "dup", "other-src", "other-copy", "indep"}, Origin: "wire",
		Lineage: &lineage.Lineage{Origin: "wire", Parent: map[string]string{
			"rewrite": "wire", "near": "wire", "dup": "rewrite", "other-copy": "other-src",
		}, Siblings: [][2]string{{"near", "rewrite"}}}}
	docs := map[string]*analysis.Summary{
		"wire":       {ID: "wire", Title: "Talks in London", Site: "apnews.com"},
		"rewrite":    {ID: "rewrite", Title: "London talks", Site: `</svg><script>alert(1)</script>`},
		"near":       {ID: "near", Title: "Talks in London \"today\"", Site: "news.example"},
		"dup":        {ID: "dup", Site: "a-very-long-site-name-that-does-not-fit.example"},
		"other-src":  {ID: "other-src", Site: "npr.org"},
		"other-copy": {ID: "other-copy", Site: "copies.example"},
		"indep":      {ID: "indep", Site: "independent.example"},
	}
	rel := map[[2]string]string{
		{"wire", "rewrite"}: "rewrite", {"wire", "near"}: "near-duplicate", {"rewrite", "dup"}: "duplicate", {"other-src", "other-copy"}: "partial",
	}
	return s, docs, rel
}

// The SVG of a fixed lineage, byte for byte (go test -update rewrites
// testdata/lineage.golden).
func TestLineageSVG(t *testing.T) {
	s, docs, rels := fixedStory()
	f := newForest(s)
	g := layoutGraph(s, f, docs, func(src, cp string) (string, float64) { return rels[[2]string{src, cp}], 0.75 },
		func(id string) string { return "v-" + id })
	if len(g.Nodes) != 7 || len(g.Edges) != 4 || len(g.Siblings) != 1 {
		t.Fatalf("%d nodes, %d edges, %d siblings arcs; want 7, 4, 1", len(g.Nodes), len(g.Edges), len(g.Siblings))
	}
	// Each copy one row below its source, parents over their copies.
	at := map[string]graphNode{}
	for i, id := range f.order {
		at[id] = g.Nodes[i]
	}
	for cp, src := range f.parent {
		if at[cp].Y <= at[src].Y {
			t.Errorf("%s is not drawn below its source %s", cp, src)
		}
	}
	if at["wire"].CX != (at["rewrite"].CX+at["near"].CX)/2 {
		t.Errorf("the origin is not centred over its copies")
	}
	pages, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := pages["story"].ExecuteTemplate(&b, "lineage", g); err != nil {
		t.Fatal(err)
	}
	checkInert(t, "lineage", b.String())
	path := filepath.Join("testdata", "lineage.golden")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("the SVG differs from %s (go test -update rewrites it):\n%s", path, b.Bytes())
	}
}

// A lineage whose parents loop, as a corrupted store could hold, is drawn
// whole rather than looping or losing documents.
func TestForestLoop(t *testing.T) {
	s := &analysis.Story{Documents: []string{"a", "b", "c"}, Lineage: &lineage.Lineage{Parent: map[string]string{"a": "b", "b": "a", "c": "c"}}}
	f := newForest(s)
	if len(f.order) != 3 {
		t.Errorf("order %v, want the three documents", f.order)
	}
}
