package facts_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/facts"
	"github.com/stemma-news/stemma/internal/textproc"
)

// BenchmarkReadCorpus reads the facts of the documents of a generated
// corpus as analyze does: 2,000 articles of seed 1, generated from the
// evaluation sets beside the repository (it skips where they are absent),
// cleaned and split into sentences.
func BenchmarkReadCorpus(b *testing.B) {
	ctx := context.Background()
	material, err := corpusgen.LoadMaterial(ctx, filepath.Join("..", "..", "..", "shared", "eval"))
	if err != nil {
		b.Skipf("no corpus to measure: %v", err)
	}
	var docs [][]string
	_, err = corpusgen.Generate(ctx, material, corpusgen.Options{N: 2000, Seed: 1}, func(d *document.Document) error {
		c := &document.Document{Title: d.Title, Paragraphs: append([]string(nil), d.Paragraphs...)}
		clean.Clean(c)
		var sents []string
		for _, p := range c.Paragraphs {
			sents = append(sents, textproc.Sentences(p)...)
		}
		docs = append(docs, sents)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			facts.Read(d)
		}
	}
}
