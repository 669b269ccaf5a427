package relate

import (
	"context"
	"os"
	"testing"

	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/ingest"
	"github.com/stemma-news/stemma/internal/textproc"
)

// BenchmarkNewDoc measures profiling one article, the work every article
// of a stream costs before any comparison, over the ecb-dev articles.
func BenchmarkNewDoc(b *testing.B) {
	docs := ecbDocs(b)
	var tk textproc.Tokenizer
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			NewDocWith(&tk, d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/doc")
}

// ecbDocs reads the ecb-dev articles, or skips b when they are not here.
func ecbDocs(b *testing.B) []*document.Document {
	dir := "../../../shared/eval/ecb-dev/docs"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("ecb-dev is not here (%v)", err)
	}
	var docs []*document.Document
	for d, err := range ingest.Read(context.Background(), []string{dir}, ingest.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkBodyHash measures hashing the words of each ecb-dev article,
// which every article of a stream costs to find its duplicates.
func BenchmarkBodyHash(b *testing.B) {
	docs := ecbDocs(b)
	var tk textproc.Tokenizer
	texts := make([][]align.Sentence, len(docs))
	for i, d := range docs {
		texts[i] = NewDocWith(&tk, d).Text.Sentences
	}
	b.ReportAllocs()
	b.ResetTimer()
	var sink uint64
	for b.Loop() {
		for _, s := range texts {
			sink += bodyHash(s)
		}
	}
	_ = sink
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

// BenchmarkEvidence measures reading the names, numbers and quotes of
// each ecb-dev article and counting those each of two neighbours lacks,
// what deciding the direction of a derived pair costs beyond its words.
func BenchmarkEvidence(b *testing.B) {
	docs := ecbDocs(b)
	var tk textproc.Tokenizer
	profiles := make([]*Doc, len(docs))
	for i, d := range docs {
		profiles[i] = NewDocWith(&tk, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		var prev *Doc
		for _, p := range profiles {
			d := &Doc{sentences: p.sentences}
			d.evidence()
			if prev != nil {
				n += unique(d, prev) + unique(prev, d)
			}
			prev = d
		}
	}
	_ = n
}
