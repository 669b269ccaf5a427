package fingerprint

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

func id(s string) uint32 { return uint32(xxh3.HashString(s)) }

func tf(p Print, term string) float32 {
	for _, t := range p {
		if t.ID == id(term) {
			return t.TF
		}
	}
	return 0
}

func TestBuilder(t *testing.T) {
	var b Builder
	b.Title(nil, "Pirates seized")
	b.Sentence(textproc.Tokens("The navy said 23 pirates were seized by INS Mysore."), 1)
	p := b.Print()
	tests := []struct {
		term string
		want float32
	}{
		{"navi", 1},      // a content word once
		{"23", 2},        // a number counts double
		{"mysor", 2},     // a name counts double
		{"pirat", 1 + 2}, // once in the body, once in the title (double)
		{"seiz", 1 + 2},  // likewise, through its stem
		{"23 pirat", 1},  // consecutive content stems
		{"navi said", 1}, // "navy said"
		// Pairs join consecutive content words across stopwords:
		// "pirates were seized" in the body, "Pirates seized" in the title.
		{"pirat seiz", 1 + 2},
		{"the", 0},          // stopwords are not terms
		{"were", 0},         // nor is any stopword
		{"pirat were", 0},   // nor part of a pair
		{"mysore", 0},       // terms are stems
		{"pirates seiz", 0}, // ... on both sides of a pair
	}
	for _, tt := range tests {
		if got := tf(p, tt.term); got != tt.want {
			t.Errorf("tf(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
	if !slices.IsSortedFunc(p, func(a, b Term) int { return int(int64(a.ID) - int64(b.ID)) }) {
		t.Error("print not sorted by id")
	}
	for i := 1; i < len(p); i++ {
		if p[i].ID == p[i-1].ID {
			t.Errorf("term %d twice", p[i].ID)
		}
	}
	if !p.Has(id("navi")) || p.Has(id("the")) {
		t.Error("Has disagrees with the print")
	}
	// The builder starts afresh after Print.
	b.Sentence(textproc.Tokens("Kyiv."), 1)
	if q := b.Print(); len(q) != 1 || q[0].ID != id("kyiv") {
		t.Errorf("second print = %v, want only kyiv", q)
	}
}

// A Builder reused across documents makes the print a plain map of sums
// makes, however many terms a document has.
func TestBuilderMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var b Builder
	for _, words := range []int{0, 1, 5, 300, 3000, 40000, 7} {
		want := map[uint32]float32{}
		var text []string
		for range words {
			text = append(text, fmt.Sprintf("w%d", r.IntN(words+1)))
		}
		toks := textproc.Tokens(strings.Join(text, " "))
		for k, w := range []float32{1, 2} {
			b.Sentence(toks[k*len(toks)/2:], w)
			prev := ""
			for _, tok := range toks[k*len(toks)/2:] {
				if !tok.Content() || len(tok.Stem) < 2 {
					continue
				}
				want[id(tok.Stem)] += w
				if prev != "" {
					want[id(prev+" "+tok.Stem)] += w
				}
				prev = tok.Stem
			}
		}
		var wp Print
		for i, f := range want {
			wp = append(wp, Term{i, f})
		}
		slices.SortFunc(wp, func(a, b Term) int { return cmp.Compare(a.ID, b.ID) })
		if got := b.Print(); !slices.Equal(got, wp) {
			t.Fatalf("%d words: print of %d terms differs from the map's %d", words, len(got), len(wp))
		}
	}
}

func ExampleBuilder() {
	var b Builder
	b.Title(nil, "Quake hits Indonesia")
	b.Sentence(textproc.Tokens("A strong earthquake struck Indonesia on Sunday."), 1)
	p := b.Print()
	fmt.Println(len(p), "terms; has indonesia:", p.Has(uint32(xxh3.HashString("indonesia"))))
	// Output: 13 terms; has indonesia: true
}
