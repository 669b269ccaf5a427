package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"testing"
)

// benchJSONL is a generated corpus of the size the pipeline is measured
// on; BENCH_JSONL names another. It is not part of the repository, so the
// benchmarks that need it skip when it is absent.
func benchJSONL(b *testing.B) []byte {
	b.Helper()
	name := os.Getenv("BENCH_JSONL")
	if name == "" {
		name = "/tmp/bs5/corpus-10000-seed1.jsonl"
	}
	data, err := os.ReadFile(name)
	if err != nil {
		b.Skipf("no JSONL corpus to measure (set BENCH_JSONL): %v", err)
	}
	return data
}

// BenchmarkParseJSONL reads a whole JSONL corpus, as analyze and ingest
// do, and reports the cost per document.
func BenchmarkParseJSONL(b *testing.B) {
	data := benchJSONL(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, err := range ParseJSONL(context.Background(), bytes.NewReader(data), "bench.jsonl", Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
}

// BenchmarkParseWARC reads the first pages of a generated WARC corpus
// (BENCH_WARC) through extraction, as ingest does, to see what the
// reader costs around go-trafilatura.
func BenchmarkParseWARC(b *testing.B) {
	name := os.Getenv("BENCH_WARC")
	if name == "" {
		name = "/tmp/bs20/corpus-20000-seed1.warc.gz"
	}
	f, err := os.Open(name)
	if err != nil {
		b.Skipf("no WARC corpus to measure (set BENCH_WARC): %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	// The first megabytes: enough pages to measure, few enough to load.
	data, err := io.ReadAll(io.LimitReader(zr, 8<<20))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, err := range ParseWARC(context.Background(), bytes.NewReader(data), "bench.warc", Options{}) {
			if err == nil {
				n++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*max(n, 1)), "ns/doc")
}
