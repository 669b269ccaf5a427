package corpusgen

import (
	"context"
	"flag"
	"fmt"
	"io"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

var benchMillion = flag.Bool("million", false, "BenchmarkGenerate also generates 10^6 articles (half a minute)")

// BenchmarkGenerate measures generation alone (emit does nothing) at 10^4
// and 10^5 articles, and 10^6 with -million; and generation with the JSONL
// encoding. Run the large case as
//
//	go test ./internal/corpusgen -run XXX -bench Generate/N=1000000 -benchtime 1x -million
func BenchmarkGenerate(b *testing.B) {
	p := testPool(b)
	sizes := []int{10_000, 100_000}
	if *benchMillion {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Generate(context.Background(), Options{N: n, Seed: 1}, func(*document.Document) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
	b.Run("JSONL/N=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.WriteJSONL(context.Background(), io.Discard, Options{N: 10_000, Seed: 1}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(10_000*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}
