package align

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stemma-news/stemma/internal/paraphrase"
	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

func TestAlign(t *testing.T) {
	source := []string{
		"Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal.",
		"Secretary of State Marco Rubio, who attended the Paris talks, was unable to come because of a scheduling issue.",
		"Russia has rejected a proposal for an immediate 30-day halt in the fighting by imposing far-reaching conditions.",
		"Western analysts say Moscow is in no rush to conclude peace talks because it has battlefield momentum.",
	}
	tests := []struct {
		name      string
		copy      []string
		minLinked int
		maxLinked int
		minCover  float64
		maxCover  float64
	}{
		{"verbatim", source, 4, 4, 1, 1},
		{"reordered paraphrase", []string{
			"Moscow, which holds battlefield momentum, is in no hurry to conclude peace talks, Western analysts say.",
			"Britain, the United States and Ukraine sent officials to London on Wednesday to push for a peace deal.",
			"Secretary of State Marco Rubio, who had attended the Paris talks, could not come because of a scheduling conflict.",
		}, 3, 3, 0.6, 0.9},
		{"merged", []string{
			"Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal, but Secretary of State Marco Rubio, who attended the Paris talks, was unable to come because of a scheduling issue.",
		}, 1, 2, 0.4, 0.7},
		{"unrelated", []string{
			"The Red Sox offered first baseman Mark Teixeira an eight-year contract worth 200 million dollars.",
			"An earthquake of magnitude 6.1 struck the coast of Indonesia early on Sunday.",
		}, 0, 0, 0, 0},
	}
	src := NewText(source)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			al := Align(src, NewText(tt.copy))
			if al.LinkedA < tt.minLinked || al.LinkedA > tt.maxLinked {
				t.Errorf("linked %d source sentences, want %d..%d; links %+v", al.LinkedA, tt.minLinked, tt.maxLinked, al.Links)
			}
			if al.CoverageA < tt.minCover || al.CoverageA > tt.maxCover {
				t.Errorf("source coverage %.2f, want %.2f..%.2f", al.CoverageA, tt.minCover, tt.maxCover)
			}
		})
	}
}

func TestAlignVerbatimKind(t *testing.T) {
	a := NewText([]string{"The ball\u2019s in Russia\u2019s court, he said on Monday."})
	b := NewText([]string{"The ball's in Russia's court, he said on Monday."})
	al := Align(a, b)
	if len(al.Links) != 1 || al.Links[0].Kind != Verbatim {
		t.Fatalf("typographic variants should link as verbatim, got %+v", al.Links)
	}
	if al.NearShare != 1 || al.Order != 1 {
		t.Errorf("NearShare %.2f Order %.2f, want 1 and 1", al.NearShare, al.Order)
	}
}

func TestAlignEmpty(t *testing.T) {
	al := Align(NewText(nil), NewText([]string{"Something happened in London today, officials said."}))
	if len(al.Links) != 0 || al.CoverageA != 0 || al.CoverageB != 0 {
		t.Errorf("empty text aligned: %+v", al)
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		a, b string
		want string
	}{
		{"President Donald Trump's envoy for Ukraine", "former President Donald Trump's envoy for Ukraine", "{+former+} President Donald Trump's envoy for Ukraine"},
		{"Volodymyr Zelenskyy said on Tuesday", "Vladimir Zelensky said on Tuesday", "[-Volodymyr Zelenskyy-] {+Vladimir Zelensky+} said on Tuesday"},
		{"The \u201cball\u201d is here", "The \"ball\" is here", "The \u201cball\u201d is here"},
		{"", "new words", "{+new words+}"},
	}
	for _, tt := range tests {
		if got := render(Diff(tt.a, tt.b)); got != tt.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func render(ops []Op) string {
	var parts []string
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			parts = append(parts, op.Text)
		case Delete:
			parts = append(parts, "[-"+op.Text+"-]")
		case Insert:
			parts = append(parts, "{+"+op.Text+"+}")
		}
	}
	return strings.Join(parts, " ")
}

func ExampleDiff() {
	for _, op := range Diff("Kyiv rejected the plan", "Kiev rejected the plan") {
		fmt.Printf("%d %q\n", op.Kind, op.Text)
	}
	// Output:
	// 1 "Kyiv"
	// 2 "Kiev"
	// 0 "rejected the plan"
}

func BenchmarkAlign(b *testing.B) {
	src := NewText([]string{strings.Repeat("Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal. Russia has rejected a proposal for an immediate 30-day halt in the fighting. ", 10)})
	cp := NewText([]string{strings.Repeat("Britain, the United States and Ukraine sent officials to London on Wednesday to push for a peace deal. Moscow turned down a plan for an immediate 30-day halt to the fighting. ", 10)})
	for b.Loop() {
		Align(src, cp)
	}
}

// TestNormalHash checks normalHash against hashing what Normalize makes,
// for ASCII, text that is not, and text too long for its buffer.
func TestNormalHash(t *testing.T) {
	for _, s := range []string{"", " ", "a", " A b, C. ", "U.S. rose 3.5% on Monday -- \"he said\".", "Ünïcode — text", "end with space ",
		"don't", "tab\there\nnewline", "\x7f\x00!!", strings.Repeat("Word, ", 100), strings.Repeat("x", 512) + "é"} {
		if got, want := normalHash(s), xxh3.HashString(textproc.Normalize(s)); got != want {
			t.Errorf("normalHash(%q) = %x, want %x", s, got, want)
		}
	}
}

// TestKeys checks the accessors of a text's keys against each sentence
// prepared on its own.
func TestKeys(t *testing.T) {
	for _, p := range refTexts {
		tx := NewText(p)
		var all []uint64
		for i := range tx.Sentences {
			s := &tx.Sentences[i]
			alone := paraphrase.PrepareTokens(s.Text, s.Tokens, nil)
			want := alone.AppendKeys(nil)
			if got := tx.SentenceKeys(i); !slices.Equal(got, want) {
				t.Errorf("SentenceKeys(%d) = %v, want %v", i, got, want)
			}
			for _, k := range want {
				all = append(all, k.Key)
			}
		}
		slices.Sort(all)
		all = slices.Compact(all)
		if got := tx.Keys(); len(all) > 0 && !slices.Equal(got, all) {
			t.Errorf("Keys() = %v, want %v", got, all)
		}
	}
}

// TestTruncate checks that a truncated text keeps its first sentences as
// they were, and keeps none of the dropped sentences' tokens alive: they
// were made in one array with the kept ones.
func TestTruncate(t *testing.T) {
	tk := textproc.NewTokenizer(1 << 10)
	paras := []string{"The council met on Monday. It approved the budget.", "Residents objected to the new tax. The mayor said it was needed."}
	whole := NewTextWith(tk, paras)
	if len(whole.Sentences) != 4 {
		t.Fatalf("%d sentences, want 4", len(whole.Sentences))
	}
	cut := NewTextWith(tk, paras)
	cut.Truncate(2)
	if len(cut.Sentences) != 2 {
		t.Fatalf("truncated to %d sentences, want 2", len(cut.Sentences))
	}
	weight := 0
	for i, s := range cut.Sentences {
		want := whole.Sentences[i]
		if s.Text != want.Text || s.Paragraph != want.Paragraph || s.Weight != want.Weight || !slices.Equal(s.Tokens, want.Tokens) {
			t.Errorf("sentence %d: got %+v, want %+v", i, s, want)
		}
		if cap(s.Tokens) != len(s.Tokens) {
			t.Errorf("sentence %d: tokens of capacity %d for %d: an append would write over the next", i, cap(s.Tokens), len(s.Tokens))
		}
		weight += want.Weight
	}
	if cut.Weight != weight {
		t.Errorf("weight %d, want %d", cut.Weight, weight)
	}
	// The last kept token is the end of the array the text holds: nothing
	// of the dropped sentences lies beyond it.
	last := cut.Sentences[1].Tokens
	if full := last[:cap(last)]; len(full) != len(last) {
		t.Errorf("the kept tokens share an array with %d dropped ones", len(full)-len(last))
	}
	if &cut.Sentences[0].Tokens[0] == &NewTextWith(tk, paras).Sentences[0].Tokens[0] {
		t.Fatal("impossible: two texts share tokens")
	}
}
