package textproc

import (
	"bufio"
	"encoding/json"
	"github.com/stemma-news/stemma/internal/cputime"
	"os"
	"strings"
	"testing"
)

// newsSentences returns the sentences of testdata/news.txt, paragraphs of
// generated news, as align.NewTextWith gives them to a Tokenizer.
func newsSentences(tb testing.TB) []string {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, p := range strings.Split(string(b), "\n") {
		out = append(out, Sentences(p)...)
	}
	return out
}

// BenchmarkTokens tokenises news with a warm Tokenizer of the size the
// analysis gives its profilers, as a worker does through a run.
func BenchmarkTokens(b *testing.B) {
	sents := newsSentences(b)
	tk := NewTokenizer(1 << 18)
	for _, s := range sents {
		tk.Tokens(s)
	}
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	cpu := cputime.Start()
	for b.Loop() {
		for _, s := range sents {
			tk.Tokens(s)
		}
	}
	cpu.Report(b)
}

// BenchmarkTokensStream tokenises the documents of a generated corpus one
// after another, a document an operation, with a Tokenizer warmed by a
// first pass over them all: its vocabulary of a hundred thousand words
// leaves the cache as cold between one use of a word and the next as a
// run's does, where BenchmarkTokens reads a few thousand words again and
// again.
func BenchmarkTokensStream(b *testing.B) {
	docs := streamDocs(b)
	tk := NewTokenizer(1 << 18)
	for _, d := range docs {
		for _, s := range d {
			tk.Tokens(s)
		}
	}
	b.ReportAllocs()
	cpu := cputime.Start()
	i := 0
	for b.Loop() {
		for _, s := range docs[i] {
			tk.Tokens(s)
		}
		i = (i + 1) % len(docs)
	}
	cpu.Report(b)
}

// BenchmarkTokensEachStream is BenchmarkTokensStream through TokensEach,
// a document at a time, as align.NewTextWith tokenises. In "evicted" the
// processor's caches are filled with other data between documents, as
// the rest of a run's work on a document fills them, so that the front
// cache is read from the shared last-level cache, as it is in a run,
// rather than from the core's own; the eviction is not timed.
func BenchmarkTokensEachStream(b *testing.B) {
	docs := streamDocs(b)
	tk := NewTokenizer(1 << 18)
	for _, d := range docs {
		tk.TokensEach(d, func(int, []Token) {})
	}
	other := make([]uint64, 4<<20/8) // twice the second-level caches of both cores
	var sink uint64
	for _, evict := range []bool{false, true} {
		name := "warm"
		if evict {
			name = "evicted"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				// The timer is stopped in both, so that they differ only
				// in the eviction.
				b.StopTimer()
				if evict {
					for j := 0; j < len(other); j += 8 {
						other[j]++
					}
				}
				b.StartTimer()
				tk.TokensEach(docs[i], func(_ int, toks []Token) { sink += uint64(len(toks)) })
				i = (i + 1) % len(docs)
			}
		})
	}
	_ = sink
}

// streamDocs returns the sentences of each document of a generated
// corpus of ten thousand, or skips b without it.
func streamDocs(b *testing.B) [][]string {
	const corpus = "/tmp/bs5/corpus-10000-seed1.jsonl"
	f, err := os.Open(corpus)
	if err != nil {
		b.Skipf("no corpus: %v", err)
	}
	defer f.Close()
	var docs [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		var sents []string
		for _, p := range strings.Split(d.Text, "\n\n") {
			sents = append(sents, Sentences(p)...)
		}
		docs = append(docs, sents)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkTokensCold is BenchmarkTokens without a Tokenizer.
func BenchmarkTokensCold(b *testing.B) {
	sents := newsSentences(b)
	b.ReportAllocs()
	cpu := cputime.Start()
	for b.Loop() {
		for _, s := range sents {
			Tokens(s)
		}
	}
	cpu.Report(b)
}

// BenchmarkNormalize normalises the sentences of news, as aligners do
// to compare sentences.
func BenchmarkNormalize(b *testing.B) {
	sents := newsSentences(b)
	b.ReportAllocs()
	cpu := cputime.Start()
	for b.Loop() {
		for _, s := range sents {
			Normalize(s)
		}
	}
	cpu.Report(b)
}
