package relate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/textproc"
)

// BenchmarkCompare measures comparing each seed story and ecb-dev article
// with the next few of its story: the candidate pairs a stream compares,
// most of them related, some copies. Profiles are made before the timer,
// as a stream makes them once and compares each with several others.
func BenchmarkCompare(b *testing.B) {
	var docs []*Doc
	var story []string
	var tk textproc.Tokenizer
	for _, dir := range []string{"../../../shared/corpus/seeds", "../../../shared/eval/ecb-dev/docs"} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		for d, err := range ingest.Read(context.Background(), []string{dir}, ingest.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, NewDocWith(&tk, d))
			s := dir
			if parts := strings.SplitN(filepath.Base(d.ID), "_", 3); parts[0] == "ecb" && len(parts) == 3 {
				s = parts[1]
			}
			story = append(story, s)
		}
	}
	if len(docs) == 0 {
		b.Skip("neither the seeds nor ecb-dev are here")
	}
	var pairs [][2]int
	for i := range docs {
		for j := i + 1; j < min(i+4, len(docs)) && story[j] == story[i]; j++ {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	derived := 0
	for _, p := range pairs {
		if Compare(docs[p[0]], docs[p[1]]).Relation.Derived() {
			derived++
		}
	}
	b.Logf("%d documents, %d pairs, %d derived", len(docs), len(pairs), derived)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pairs {
			Compare(docs[p[0]], docs[p[1]])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pairs)), "ns/pair")
}

// BenchmarkNewDocAligned measures profiling an article and making its
// content keys, the cost of a document of a stream that is compared with
// at least one other.
func BenchmarkNewDocAligned(b *testing.B) {
	docs := ecbDocs(b)
	var tk textproc.Tokenizer
	for _, d := range docs {
		NewDocWith(&tk, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if p := NewDocWith(&tk, d); len(p.Text.Sentences) > 0 {
				align.Similarity(p.Text, 0, p.Text, 0)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/doc")
}
