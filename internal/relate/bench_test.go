package relate

import (
	"context"
	"os"
	"testing"

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
