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

func BenchmarkClean(b *testing.B) {
	article := append(append([]string{"By Jane Doe, Reuters", "Advertisement"}, filler...), strings.Join(filler[:2], " "), "Share this article")
	for b.Loop() {
		Clean(&document.Document{Title: "ARTICLE AD BOX", Paragraphs: append([]string(nil), article...)})
	}
}
