package report

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/analysis"
	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/cputime"
	"github.com/stemma-news/stemma/internal/document"
)

// benchDocs is the size of the generated corpus the JSON benchmark
// reports on: big enough for its relations to carry change lists as the
// reports of 10^5 documents do, small enough to analyse in seconds.
const benchDocs = 5000

// BenchmarkJSON writes the JSON report of an analysis of a generated
// corpus with planted copies, analysed as stemma analyze analyses it:
// cleaned, with the change lists on disk.
func BenchmarkJSON(b *testing.B) {
	ctx := context.Background()
	material, err := corpusgen.LoadMaterial(ctx, filepath.Join("..", "..", "..", "shared", "eval"))
	if err != nil {
		b.Skipf("no raw material for a generated corpus (%v)", err)
	}
	var docs []*document.Document
	if _, err := corpusgen.Generate(ctx, material, corpusgen.Options{N: benchDocs, Seed: 1}, func(d *document.Document) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	res, err := analysis.Analyze(ctx, docs, analysis.Options{Prepare: clean.Clean, SpillChanges: true, SpillDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	var n countingWriter
	cpu := cputime.Start()
	for b.Loop() {
		n = 0
		if err := JSON(&n, res); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b)
	b.SetBytes(int64(n))
}

// countingWriter counts the bytes written to it.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
