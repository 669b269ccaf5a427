package paraphrase

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
)

func TestPrepareEach(t *testing.T) {
	long := strings.Repeat("Seventy-two delegates from Britain, France, Germany and Ukraine met officials in London ", 6) +
		strings.Join(strings.Fields("alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"), " ")
	tests := []struct {
		name  string
		texts []string
	}{
		{"none", nil},
		{"one", []string{"Russia has rejected a proposal for an immediate 30-day halt in the fighting."}},
		{"empty among others", []string{"", "The ball's in Russia's court, he said.", "", "Officials said, officials stated, officials told."}},
		{"repeats", []string{"Talks, talks and more talks: the talks went on and on.", "3 3 three 3.0 3.00 three"}},
		{"long sentence", []string{"NASA said it would launch on Monday.", long, "A short one."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := make([][]textproc.Token, len(tt.texts))
			for i, s := range tt.texts {
				toks[i] = textproc.Tokens(s)
			}
			got := make([]Sentence, len(tt.texts))
			PrepareEach(got, func(i int) (string, []textproc.Token) { return tt.texts[i], toks[i] }, nil)
			for i, s := range tt.texts {
				want := PrepareTokens(s, toks[i], nil)
				g := &got[i]
				if g.Text != want.Text || g.total != want.total || !slices.Equal(g.items, want.items) || !slices.Equal(g.seq, want.seq) {
					t.Errorf("sentence %d: PrepareEach gave %+v, PrepareTokens %+v", i, *g, want)
				}
			}
			// PrepareIndex prepares them alike, but for the keys in text order.
			indexed := make([]Sentence, len(tt.texts))
			ix := PrepareIndex(indexed, func(i int) (string, []textproc.Token) { return tt.texts[i], toks[i] }, nil)
			for i := range indexed {
				g, want := &indexed[i], &got[i]
				if g.Text != want.Text || g.total != want.total || !slices.Equal(g.items, want.items) || g.seq != nil {
					t.Errorf("sentence %d: PrepareIndex gave %+v, PrepareEach %+v", i, *g, *want)
				}
			}
			// Without the keys in text order, Probability must refuse
			// the sentences, not decide on half their features.
			if len(indexed) > 0 {
				func() {
					defer func() {
						if recover() == nil {
							t.Errorf("Probability of a sentence of PrepareIndex did not panic")
						}
					}()
					Probability(&indexed[0], &got[0])
				}()
			}
			var fromIndex, fromItems []occurrence
			for k, key := range ix.Keys {
				for _, p := range ix.Postings[ix.Offs[k]:ix.Offs[k+1]] {
					fromIndex = append(fromIndex, occurrence{key, p.Sent, p.W})
				}
			}
			for i := range got {
				for _, it := range got[i].items {
					fromItems = append(fromItems, occurrence{it.Key, int32(i), it.W})
				}
			}
			slices.SortStableFunc(fromItems, func(a, b occurrence) int { return cmp.Compare(a.Key, b.Key) })
			if !slices.Equal(fromIndex, fromItems) || len(ix.Offs) != len(ix.Keys)+1 || !slices.IsSorted(ix.Keys) {
				t.Errorf("PrepareIndex's index %+v is not its sentences' keys %v", ix, fromItems)
			}
			// Appending to one sentence's keys must leave the next one's alone.
			for i := 0; i+1 < len(got); i++ {
				next := slices.Clone(got[i+1].items)
				_ = append(got[i].items, item{Key: 1, W: 1})
				if !slices.Equal(got[i+1].items, next) {
					t.Errorf("appending to sentence %d changed sentence %d", i, i+1)
				}
			}
		})
	}
}

func TestSortItems(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 5, 47, 48, 49, 200} {
		for _, span := range []uint64{3, 1 << 62} { // with and without repeated keys
			items := make([]item, n)
			for i := range items {
				items[i] = item{Key: r.Uint64N(span), W: float32(i)}
			}
			keys := make([]uint64, n)
			for i, it := range items {
				keys[i] = it.Key
			}
			slices.Sort(keys)
			sortItems(items)
			for i, it := range items {
				if it.Key != keys[i] {
					t.Fatalf("n=%d span=%d: key %d is %d, want %d", n, span, i, it.Key, keys[i])
				}
			}
		}
	}
}

func TestClamp01(t *testing.T) {
	nan := math.NaN()
	for _, x := range []float64{math.Inf(-1), -1, math.Copysign(0, -1), 0, 1e-300, 0.42, 1 - 1e-16, 1, 1 + 1e-12, math.Inf(1), nan} {
		got, want := clamp01(x), min(max(x, 0), 1)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("clamp01(%v) = %v, want %v", x, got, want)
		}
	}
}

// TestLookupLexFilter checks that the filter before the lexicon answers
// like the lexicon for words near its own: the lexicon's words cut,
// lengthened or with a letter changed.
func TestLookupLexFilter(t *testing.T) {
	for w := range lexicon {
		for _, v := range []string{w[:len(w)-1], w + "s", "x" + w[1:], w[:len(w)-1] + "x", "Said", "sai", "u.s.a."} {
			if got, want := *lookupLex(v), lexicon[v]; got != want {
				t.Errorf("lookupLex(%q) = %+v, want %+v", v, got, want)
			}
			if got, want := isWeak(v), lexicon[v].weak; got != want {
				t.Errorf("isWeak(%q) = %v, want %v", v, got, want)
			}
		}
	}
}

// TestShortcuts checks oneRune and prefix against what they shortcut:
// counting runes, and cutting after n of them.
func TestShortcuts(t *testing.T) {
	slow := func(s string, n int) string {
		if n <= 0 {
			return s
		}
		i := 0
		for j := range s {
			if i == n {
				return s[:j]
			}
			i++
		}
		return s
	}
	for _, s := range []string{"", "a", "ab", "é", "éa", "aé", "zelenskyy", "zelenské", "ééééé", "日本", "日", "\xff", "\xffa", "a\xff", "abcd\xffe", "abcde", "abcdé", "abcdef", "😀", "😀a"} {
		if got, want := oneRune(s), utf8.RuneCountInString(s) < 2; got != want {
			t.Errorf("oneRune(%q) = %v, want %v", s, got, want)
		}
		for n := -1; n <= 7; n++ {
			if got, want := prefix(s, n), slow(s, n); got != want {
				t.Errorf("prefix(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
