package fingerprint

import (
	"fmt"
	"slices"
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

func ExampleBuilder() {
	var b Builder
	b.Title(nil, "Quake hits Indonesia")
	b.Sentence(textproc.Tokens("A strong earthquake struck Indonesia on Sunday."), 1)
	p := b.Print()
	fmt.Println(len(p), "terms; has indonesia:", p.Has(uint32(xxh3.HashString("indonesia"))))
	// Output: 13 terms; has indonesia: true
}
