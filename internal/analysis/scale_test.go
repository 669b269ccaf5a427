package analysis

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/minhash"
)

// generated builds a corpus of n articles with planted copies, or skips
// when the raw material is not here.
func generated(tb testing.TB, n int) ([]*document.Document, *corpusgen.Truth) {
	tb.Helper()
	material, err := corpusgen.LoadMaterial(context.Background(), filepath.Join(shared, "eval"))
	if err != nil {
		tb.Skipf("no raw material for a generated corpus (%v)", err)
	}
	var docs []*document.Document
	truth, err := corpusgen.Generate(context.Background(), material, corpusgen.Options{N: n, Seed: 1}, func(d *document.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return docs, truth
}

// recall is the share of planted pairs found derived, and precision the
// share of derived pairs found that are of one planted family.
func recall(res *Result, truth *corpusgen.Truth) (recall, precision float64) {
	family := map[string]int{}
	for k, f := range truth.Families {
		for _, id := range f {
			family[id] = k + 1
		}
	}
	found := map[[2]string]bool{}
	right, all := 0, 0
	for _, p := range res.Pairs {
		if !p.Relation.Derived() {
			continue
		}
		all++
		found[[2]string{min(p.A.ID, p.B.ID), max(p.A.ID, p.B.ID)}] = true
		if f := family[p.A.ID]; f != 0 && f == family[p.B.ID] {
			right++
		}
	}
	hit := 0
	for _, p := range truth.Planted {
		if found[[2]string{min(p.Source, p.Copy), max(p.Source, p.Copy)}] {
			hit++
		}
	}
	return float64(hit) / float64(len(truth.Planted)), float64(right) / float64(max(all, 1))
}

// BenchmarkScale runs the analysis, from clean text to stories, over
// generated corpora with planted copies, beside the MinHash LSH baseline
// at Jaccard 0.7 over the same articles. `stemma bench` measures the
// same at 10^5 and 10^6 in separate processes; this is the quick look.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs, truth := generated(b, n)
		texts := make([][]string, len(docs))
		for i, d := range docs {
			texts[i] = d.Paragraphs
		}
		// With and without the change lists: what listing changes costs.
		for _, bc := range []struct {
			name string
			opt  Options
		}{{"stemma", Options{Prepare: clean.Clean}}, {"stemma-no-changes", Options{Prepare: clean.Clean, NoChanges: true}}} {
			b.Run(fmt.Sprintf("%s/N=%d", bc.name, n), func(b *testing.B) {
				var res *Result
				for b.Loop() {
					// Each run gets fresh documents: cleaning changes them.
					for i, d := range docs {
						d.Paragraphs = texts[i]
					}
					var err error
					if res, err = Analyze(context.Background(), docs, bc.opt); err != nil {
						b.Fatal(err)
					}
				}
				r, p := recall(res, truth)
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
				b.ReportMetric(r, "recall")
				b.ReportMetric(p, "precision")
			})
		}
		b.Run(fmt.Sprintf("minhash-baseline/N=%d", n), func(b *testing.B) {
			for b.Loop() {
				idx := minhash.New(minhash.Options{})
				sigs := make([]minhash.Signature, len(docs))
				parallelFor(len(docs), func(i int) { sigs[i] = idx.Signature(docs[i].Text()) })
				for i, s := range sigs {
					idx.Add(uint32(i), s)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

func parallelFor(n int, f func(int)) {
	var wg sync.WaitGroup
	w := runtime.GOMAXPROCS(0)
	for k := range w {
		wg.Go(func() {
			for i := k; i < n; i += w {
				f(i)
			}
		})
	}
	wg.Wait()
}
