package change_test

import (
	"context"
	"encoding/json"
	"github.com/stemma-news/stemma/internal/cputime"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/change"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/relate"
)

// benchPair is a derived pair as FindChangesAgainst sees it.
type benchPair struct {
	src, cp *relate.Doc
	links   []align.Link
}

// derivedPair compares a and c, and returns them as FindChangesAgainst
// sees them, source first, if one is derived from the other.
func derivedPair(a, c *relate.Doc) (benchPair, bool) {
	r := relate.Compare(a, c)
	if !r.Relation.Derived() || r.Alignment == nil {
		return benchPair{}, false
	}
	if r.Source == r.B.ID {
		return benchPair{r.B, r.A, align.Swap(r.Alignment.Links)}, true
	}
	return benchPair{r.A, r.B, r.Alignment.Links}, true
}

// benchCorpus reads the pairs the benchmarks run on: the pairs of
// testdata/pairs and every derived pair of the seeds, and, when
// STEMMA_BENCH_CORPUS names a generated JSONL corpus with its
// .truth.json beside it, the first STEMMA_BENCH_PAIRS (200) planted pairs
// of it: the pairs a large run lists changes for.
func benchCorpus(b *testing.B) ([]*relate.Doc, []benchPair) {
	b.Helper()
	var docs []*relate.Doc
	read := func(paths []string, id func(path, id string) string) map[string]*relate.Doc {
		byID := map[string]*relate.Doc{}
		for _, path := range paths {
			for d, err := range ingest.Read(context.Background(), []string{path}, ingest.Options{}) {
				if err != nil {
					b.Fatal(err)
				}
				clean.Clean(d)
				d.ID = id(path, d.ID)
				rd := relate.NewDoc(d)
				byID[d.ID] = rd
				docs = append(docs, rd)
			}
		}
		return byID
	}
	var pairs []benchPair
	derived := func(a, c *relate.Doc) {
		if p, ok := derivedPair(a, c); ok {
			pairs = append(pairs, p)
		}
	}
	dirs, _ := filepath.Glob("testdata/pairs/*")
	for _, dir := range dirs {
		s, c := filepath.Join(dir, "source.txt"), filepath.Join(dir, "copy.txt")
		m := read([]string{s, c}, func(path, _ string) string { return path })
		derived(m[s], m[c])
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "seeds", "*.txt"))
	if len(seeds) == 0 {
		b.Log("the seeds are not beside the clone: benchmarking testdata/pairs alone")
	}
	first := len(docs)
	read(seeds, func(path, _ string) string { return path })
	for i := first; i < len(docs); i++ {
		for j := i + 1; j < len(docs); j++ {
			derived(docs[i], docs[j])
		}
	}
	if path := os.Getenv("STEMMA_BENCH_CORPUS"); path != "" {
		var truth struct {
			Planted []struct{ Source, Copy string }
		}
		data, err := os.ReadFile(path + ".truth.json")
		if err == nil {
			err = json.Unmarshal(data, &truth)
		}
		if err != nil {
			b.Fatal(err)
		}
		n := 200
		if s := os.Getenv("STEMMA_BENCH_PAIRS"); s != "" {
			if err := json.Unmarshal([]byte(s), &n); err != nil {
				b.Fatal(err)
			}
		}
		truth.Planted = truth.Planted[:min(n, len(truth.Planted))]
		want := map[string]bool{}
		for _, p := range truth.Planted {
			want[p.Source], want[p.Copy] = true, true
		}
		byID := map[string]*relate.Doc{}
		for d, err := range ingest.Read(context.Background(), []string{path}, ingest.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			if !want[d.ID] {
				continue
			}
			clean.Clean(d)
			rd := relate.NewDoc(d)
			byID[d.ID] = rd
			docs = append(docs, rd)
		}
		for _, p := range truth.Planted {
			if s, c := byID[p.Source], byID[p.Copy]; s != nil && c != nil {
				derived(s, c)
			}
		}
	}
	if len(pairs) == 0 {
		b.Skip("no derived pairs to benchmark")
	}
	return docs, pairs
}

// BenchmarkChanges lists the changes of every pair of benchCorpus, as a
// run does: a profile once a document, then Find once a pair.
func BenchmarkChanges(b *testing.B) {
	docs, pairs := benchCorpus(b)
	benchChanges(b, docs, pairs)
}

// BenchmarkChangesGenerated lists the changes of the planted pairs of a
// corpus generated from the evaluation sets beside the repository: the
// mix of exact, light, heavy and partial copies of a large run, whose
// copies keep most of their sources' sentences.
func BenchmarkChangesGenerated(b *testing.B) {
	ctx := context.Background()
	material, err := corpusgen.LoadMaterial(ctx, filepath.Join("..", "..", "..", "shared", "eval"))
	if err != nil {
		b.Skipf("no raw material for a generated corpus (%v)", err)
	}
	byID := map[string]*relate.Doc{}
	truth, err := corpusgen.Generate(ctx, material, corpusgen.Options{N: 3000, Seed: 1}, func(d *document.Document) error {
		clean.Clean(d)
		byID[d.ID] = relate.NewDoc(d)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var pairs []benchPair
	for _, p := range truth.Planted {
		a, c := byID[p.Source], byID[p.Copy]
		if a == nil || c == nil {
			continue
		}
		if p, ok := derivedPair(a, c); ok {
			pairs = append(pairs, p)
		}
	}
	if len(pairs) == 0 {
		b.Skip("no derived pairs to benchmark")
	}
	var docs []*relate.Doc
	// A run profiles only the documents of derived pairs.
	docs = docs[:0]
	seen := map[*relate.Doc]bool{}
	for _, p := range pairs {
		for _, d := range []*relate.Doc{p.src, p.cp} {
			if !seen[d] {
				seen[d] = true
				docs = append(docs, d)
			}
		}
	}
	benchChanges(b, docs, pairs)
}

// benchChanges runs the benchmarks of the changes of pairs, whose
// documents are docs.
func benchChanges(b *testing.B, docs []*relate.Doc, pairs []benchPair) {
	profiles := func() map[*relate.Doc]*change.Profile {
		m := make(map[*relate.Doc]*change.Profile, len(docs))
		for _, d := range docs {
			m[d] = change.NewProfile(d.Text)
		}
		return m
	}
	find := func(m map[*relate.Doc]*change.Profile) {
		for _, p := range pairs {
			change.Find(change.Side{Text: p.src.Text, Credits: p.src.Credits, Profile: m[p.src]},
				change.Side{Text: p.cp.Text, Credits: p.cp.Credits, Profile: m[p.cp]}, p.links)
		}
	}
	m := profiles() // prepares the texts' keys, as the alignment has in a run
	b.Logf("%d documents, %d pairs", len(docs), len(pairs))
	run := func(name string, f func()) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cputime.Start()
			for b.Loop() {
				f()
			}
			cpu.Report(b)
		})
	}
	run("NewProfile", func() { profiles() })
	run("Find", func() { find(m) })
	run("Both", func() { find(profiles()) })
}

// TestConcurrentFind lists the changes of the testdata pairs from
// several goroutines at once, sharing each document's profile as a run
// does, made on first use: every list must be the one listed alone.
func TestConcurrentFind(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/pairs/*")
	type job struct {
		src, cp *relate.Doc
		links   []align.Link
		want    string
	}
	var jobs []job
	for _, dir := range dirs {
		var docs []*relate.Doc
		for _, name := range []string{"source.txt", "copy.txt"} {
			path := filepath.Join(dir, name)
			for d, err := range ingest.Read(context.Background(), []string{path}, ingest.Options{}) {
				if err != nil {
					t.Fatal(err)
				}
				clean.Clean(d)
				d.ID = path
				docs = append(docs, relate.NewDoc(d))
			}
		}
		p := relate.Compare(docs[0], docs[1])
		if !p.Relation.Derived() || p.Alignment == nil {
			continue
		}
		l := change.Find(change.Side{Text: docs[0].Text}, change.Side{Text: docs[1].Text}, p.Alignment.Links)
		jobs = append(jobs, job{docs[0], docs[1], p.Alignment.Links, render(l)})
	}
	profiles := map[*relate.Doc]*change.Profile{}
	for _, j := range jobs {
		profiles[j.src] = change.NewProfile(j.src.Text)
		profiles[j.cp] = change.NewProfile(j.cp.Text)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, j := range jobs {
				l := change.Find(change.Side{Text: j.src.Text, Profile: profiles[j.src]},
					change.Side{Text: j.cp.Text, Profile: profiles[j.cp]}, j.links)
				if got := render(l); got != j.want {
					t.Errorf("listed concurrently:\n%s\nalone:\n%s", got, j.want)
				}
			}
		})
	}
	wg.Wait()
}
