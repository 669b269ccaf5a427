package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/corpusgen"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/warc"
)

// evalDir holds the evaluation sets beside the repository; the benchmarks
// make their input from them and skip where they are absent.
var evalDir = filepath.Join("..", "..", "..", "shared", "eval")

// BenchmarkParseJSONL reads a whole JSONL corpus of 10,000 generated
// articles, as analyze and ingest do, and reports the cost per document.
func BenchmarkParseJSONL(b *testing.B) {
	ctx := context.Background()
	material, err := corpusgen.LoadMaterial(ctx, evalDir)
	if err != nil {
		b.Skipf("no raw material for a generated corpus (%v)", err)
	}
	var buf bytes.Buffer
	if _, err := corpusgen.WriteJSONL(ctx, &buf, material, corpusgen.Options{N: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, err := range ingest.ParseJSONL(ctx, bytes.NewReader(data), "bench.jsonl", ingest.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
}

// BenchmarkParseWARC reads a WARC file of the real news pages of the
// extraction set through extraction, as ingest does, to see what the
// reader costs around go-trafilatura.
func BenchmarkParseWARC(b *testing.B) {
	dir := filepath.Join(evalDir, "extraction-zyte", "html")
	names, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil || len(names) == 0 {
		b.Skipf("no pages to measure in %s", dir)
	}
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, false)
	crawled := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range names {
		page, err := gunzip(name)
		if err != nil {
			b.Fatal(err)
		}
		uri := "https://example.org/" + strings.TrimSuffix(filepath.Base(name), ".html.gz")
		if err := w.WriteResponse(uri, crawled, http.StatusOK, "text/html; charset=utf-8", page); err != nil {
			b.Fatal(err)
		}
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, err := range ingest.ParseWARC(context.Background(), bytes.NewReader(data), "bench.warc", ingest.Options{}) {
			if err == nil {
				n++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*max(n, 1)), "ns/doc")
}

func gunzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
