package align_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/cputime"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/textproc"
)

// BenchmarkNewTextStream makes the texts of the documents of a generated
// corpus (from the evaluation sets beside the repository), one an
// operation, with a Tokenizer of the analysis's size warmed by a first
// pass over them all, as a worker of the analysis profiles a stream: most
// texts are never aligned, so their content keys are not made.
func BenchmarkNewTextStream(b *testing.B) {
	ctx := context.Background()
	material, err := corpusgen.LoadMaterial(ctx, filepath.Join("..", "..", "..", "shared", "eval"))
	if err != nil {
		b.Skipf("no raw material for a generated corpus (%v)", err)
	}
	var docs [][]string
	if _, err := corpusgen.Generate(ctx, material, corpusgen.Options{N: 3000, Seed: 1}, func(d *document.Document) error {
		docs = append(docs, d.Paragraphs)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	tk := textproc.NewTokenizer(1 << 18)
	for _, d := range docs {
		align.NewTextWith(tk, d)
	}
	b.ReportAllocs()
	cpu := cputime.Start()
	i := 0
	for b.Loop() {
		align.NewTextWith(tk, docs[i])
		i = (i + 1) % len(docs)
	}
	cpu.Report(b)
}
