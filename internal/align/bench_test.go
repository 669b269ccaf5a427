package align

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

// corpus reads the paragraphs (non-blank lines) of the seed stories and
// of the ecb-dev articles, and pairs each document with the next few of
// its story: the pairs a stream's candidate search hands to Align, most of
// them related, some copies.
func corpus(b testing.TB) (docs [][]string, pairs [][2]int) {
	b.Helper()
	var groups [][]int
	for _, dir := range []string{"../../../shared/corpus/seeds", "../../../shared/eval/ecb-dev/docs"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(files) == 0 {
			continue
		}
		slices.Sort(files)
		story := ""
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			var paras []string
			for _, l := range strings.Split(string(data), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					paras = append(paras, l)
				}
			}
			// ecb_<topic>_<n>...: a story per topic; the seeds are one.
			s := dir
			if parts := strings.SplitN(filepath.Base(f), "_", 3); parts[0] == "ecb" && len(parts) == 3 {
				s = parts[1]
			}
			if s != story || len(groups) == 0 {
				groups = append(groups, nil)
				story = s
			}
			groups[len(groups)-1] = append(groups[len(groups)-1], len(docs))
			docs = append(docs, paras)
		}
	}
	if len(docs) == 0 {
		b.Skip("neither the seeds nor ecb-dev are here")
	}
	for _, g := range groups {
		for x, i := range g {
			for _, j := range g[x+1 : min(x+4, len(g))] {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	}
	return docs, pairs
}

// BenchmarkNewText measures making a text and its content keys, as a
// document that is aligned at least once costs.
func BenchmarkNewText(b *testing.B) {
	docs, _ := corpus(b)
	var tk textproc.Tokenizer
	for _, d := range docs {
		NewTextWith(&tk, d) // warm the stem cache, as a stream has
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			NewTextWith(&tk, d).ready()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/doc")
}

// BenchmarkReady measures making the content keys alone, from sentences
// already tokenised.
func BenchmarkReady(b *testing.B) {
	docs, _ := corpus(b)
	texts := make([]*Text, len(docs))
	for i, d := range docs {
		texts[i] = NewText(d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			u := &Text{Sentences: slices.Clone(t.Sentences), Weight: t.Weight}
			u.ready()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/doc")
}

// BenchmarkAlignPairs measures aligning pairs of prepared texts.
func BenchmarkAlignPairs(b *testing.B) {
	docs, pairs := corpus(b)
	texts := make([]*Text, len(docs))
	for i, d := range docs {
		texts[i] = NewText(d)
		texts[i].ready()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pairs {
			Align(texts[p[0]], texts[p[1]])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pairs)), "ns/pair")
}

// BenchmarkNormHash measures hashing the normalised text of every
// sentence, as deciding whether links are verbatim does once for each
// sentence linked, against hashing what textproc.Normalize makes.
func BenchmarkNormHash(b *testing.B) {
	docs, _ := corpus(b)
	var sentences []string
	for _, d := range docs {
		for _, s := range NewText(d).Sentences {
			sentences = append(sentences, s.Text)
		}
	}
	for _, bm := range []struct {
		name string
		hash func(string) uint64
	}{
		{"Normalize", func(s string) uint64 { return xxh3.HashString(textproc.Normalize(s)) }},
		{"normalHash", normalHash},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink uint64
			for b.Loop() {
				for _, s := range sentences {
					sink += bm.hash(s)
				}
			}
			_ = sink
		})
	}
}
