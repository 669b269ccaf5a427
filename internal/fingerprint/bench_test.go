package fingerprint

import (
	"bufio"
	"encoding/json"
	"github.com/stemma-news/stemma/internal/cputime"
	"os"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/textproc"
)

// BenchmarkBuilder makes the prints of the documents of a generated
// corpus, one an operation, with one Builder, as a worker of the analysis
// does: its long documents and short ones come mixed.
func BenchmarkBuilder(b *testing.B) {
	const corpus = "/tmp/bs5/corpus-10000-seed1.jsonl"
	f, err := os.Open(corpus)
	if err != nil {
		b.Skipf("no corpus: %v", err)
	}
	defer f.Close()
	var docs [][][]textproc.Token
	tk := textproc.NewTokenizer(1 << 18)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(docs) < 3000 {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		var doc [][]textproc.Token
		for _, p := range strings.Split(d.Text, "\n\n") {
			for _, s := range textproc.Sentences(p) {
				doc = append(doc, tk.Tokens(s))
			}
		}
		docs = append(docs, doc)
	}
	if err := sc.Err(); err != nil {
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
