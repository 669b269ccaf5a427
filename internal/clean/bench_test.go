package clean

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/document"
)

// worstCases are inputs that make naive cleaners slow: many paragraphs,
// stacks of edge furniture that come off one layer at a time, many
// near-identical prose paragraphs.
func worstCases(n int) map[string][]string {
	cases := map[string][]string{}
	var bylines, bios, prose, mixed []string
	for i := range n {
		bylines = append(bylines, "By Jane Doe, Reuters")
		bios = append(bios, "About the author", fmt.Sprintf("Jane Doe%d is a senior reporter at the Planet. She has %d years of experience.", i, i))
		prose = append(prose, fmt.Sprintf("%s Item %d.", filler[i%len(filler)], i))
		mixed = append(mixed, filler[i%len(filler)], "Advertisement", "46")
	}
	cases["bylines"] = bylines
	cases["bios"] = bios
	cases["prose"] = prose
	cases["mixed"] = mixed
	return cases
}

// BenchmarkWorstCase measures the inputs that make naive cleaners slow;
// compare 500 and 2000 paragraphs to see the growth (it should be near
// linear, not cubic).
func BenchmarkWorstCase(b *testing.B) {
	for _, n := range []int{500, 2000} {
		for name, ps := range worstCases(n) {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					Clean(&document.Document{Paragraphs: append([]string(nil), ps...)})
				}
			})
		}
	}
}

// BenchmarkClean measures Clean on real documents, one sub-benchmark a
// set, and reports the cost per document. zyte-body and ecb-dev are
// article text with (almost) nothing to remove, the common case;
// zyte-html is what the HTML reader extracts, furniture included.
func BenchmarkClean(b *testing.B) {
	b.Run("synthetic", func(b *testing.B) {
		article := append(append([]string{"By Jane Doe, Reuters", "Advertisement"}, filler...), strings.Join(filler[:2], " "), "Share this article")
		for b.Loop() {
			Clean(&document.Document{Title: "ARTICLE AD BOX", Paragraphs: append([]string(nil), article...)})
		}
	})
	docs := loadCorpus()
	if len(docs) == 0 {
		b.Skipf("shared data not found at %s", sharedDir)
	}
	sets := map[string][]corpusDoc{}
	var names []string
	for _, d := range docs {
		if _, ok := sets[d.Set]; !ok {
			names = append(names, d.Set)
		}
		sets[d.Set] = append(sets[d.Set], d)
	}
	for _, name := range names {
		set := sets[name]
		b.Run(name, func(b *testing.B) {
			bufs := make([][]string, len(set))
			for b.Loop() {
				for i, d := range set {
					bufs[i] = append(bufs[i][:0], d.Paragraphs...)
					Clean(&document.Document{Title: d.Title, Paragraphs: bufs[i]})
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(set)), "µs/doc")
		})
	}
}
