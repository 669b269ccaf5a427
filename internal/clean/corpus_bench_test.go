package clean_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stemma-news/stemma/internal/clean"
	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
)

// BenchmarkCleanJSONL cleans the documents of a generated corpus as
// analyze does before the analysis: by default the 10,000 articles of seed
// 1 the pipeline is measured on, generated from the evaluation sets beside
// the repository (it skips where they are absent), or the JSONL file named
// by BENCH_JSONL. It is a test of its own package because corpusgen
// imports clean.
func BenchmarkCleanJSONL(b *testing.B) {
	docs, err := benchDocs(context.Background(), os.Getenv("BENCH_JSONL"))
	if err != nil {
		b.Skipf("no corpus to measure: %v", err)
	}
	bufs := make([][]string, len(docs))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			bufs[i] = append(bufs[i][:0], d.Paragraphs...)
			clean.Clean(&document.Document{Title: d.Title, Paragraphs: bufs[i]})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

// benchDocs returns the titles and paragraphs of the documents of the JSONL
// file name, or, name empty, of a corpus generated as the pipeline is
// measured on.
func benchDocs(ctx context.Context, name string) ([]document.Document, error) {
	var docs []document.Document
	if name != "" {
		for doc, err := range ingest.Read(ctx, []string{name}, ingest.Options{}) {
			if err != nil {
				return nil, err
			}
			docs = append(docs, document.Document{Title: doc.Title, Paragraphs: doc.Paragraphs})
		}
		return docs, nil
	}
	material, err := corpusgen.LoadMaterial(ctx, filepath.Join("..", "..", "..", "shared", "eval"))
	if err != nil {
		return nil, err
	}
	_, err = corpusgen.Generate(ctx, material, corpusgen.Options{N: 10000, Seed: 1}, func(d *document.Document) error {
		docs = append(docs, document.Document{Title: d.Title, Paragraphs: d.Paragraphs})
		return nil
	})
	return docs, err
}
