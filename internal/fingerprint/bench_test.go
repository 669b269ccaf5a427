package fingerprint

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/cputime"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/textproc"
)

// BenchmarkBuilder makes the prints of the documents of a generated
// corpus (from the evaluation sets beside the repository), one an
// operation, with one Builder, as a worker of the analysis does: its long
// documents and short ones come mixed.
func BenchmarkBuilder(b *testing.B) {
	ctx := context.Background()
	material, err := corpusgen.LoadMaterial(ctx, filepath.Join("..", "..", "..", "shared", "eval"))
	if err != nil {
		b.Skipf("no raw material for a generated corpus (%v)", err)
	}
	var docs [][][]textproc.Token
	tk := textproc.NewTokenizer(1 << 18)
	if _, err := corpusgen.Generate(ctx, material, corpusgen.Options{N: 3000, Seed: 1}, func(d *document.Document) error {
		var doc [][]textproc.Token
		for _, p := range d.Paragraphs {
			for _, s := range textproc.Sentences(p) {
				doc = append(doc, tk.Tokens(s))
			}
		}
		docs = append(docs, doc)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	var fb Builder
	b.ReportAllocs()
	cpu := cputime.Start()
	i := 0
	for b.Loop() {
		for _, s := range docs[i] {
			fb.Sentence(s, 1)
		}
		fb.Print()
		i = (i + 1) % len(docs)
	}
	cpu.Report(b)
}
