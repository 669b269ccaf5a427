package relate

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stemma-news/stemma/internal/document"
	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

var source = []string{
	"Officials from Britain, the United States and Ukraine will meet in London on Wednesday to push for a peace deal between Moscow and Kyiv.",
	"Secretary of State Marco Rubio, who attended the Paris talks, was unable to come because of a scheduling issue.",
	"\u201cNow is the time for Putin to show he is serious about peace,\u201d said Dave Pares, a spokesman for Prime Minister Keir Starmer.",
	"Russia has rejected a proposal for an immediate 30-day halt in the fighting by imposing far-reaching conditions.",
	"Western analysts say Moscow is in no rush to conclude peace talks because it has battlefield momentum.",
	"Zelenskyy said Tuesday that the delegation heading to the U.K. has a mandate to discuss only a partial ceasefire.",
}

var rewrite = []string{
	"Diplomats from the UK, the US and Ukraine gathered in London on Wednesday in a push for a peace agreement between Kyiv and Moscow.",
	"Secretary of State Marco Rubio, who took part in the Paris talks, could not attend due to a scheduling conflict.",
	"A spokesman for the Prime Minister said it was time for Putin to show he is serious about peace.",
	"Moscow has turned down a proposal for a 30-day halt to the fighting, setting far-reaching conditions.",
	"Western analysts believe Moscow is in no hurry to conclude peace talks since it holds battlefield momentum.",
}

func newDoc(id string, paras []string, mod func(*document.Document)) *Doc {
	d := &document.Document{ID: id, Paragraphs: paras}
	if mod != nil {
		mod(d)
	}
	return NewDoc(d)
}

func TestCompareRelation(t *testing.T) {
	lightEdit := append([]string(nil), source...)
	lightEdit[1] = strings.Replace(lightEdit[1], "scheduling issue", "scheduling conflict", 1)
	half := append([]string{
		"The Boston Red Sox offered first baseman Mark Teixeira an eight-year contract worth 200 million dollars.",
		"The offer tops the reported eight-year offers by the Angels and the Washington Nationals.",
		"Teixeira hit .308 with 33 home runs last season, split between the Braves and the Angels.",
		"Boston's general manager declined to comment on the negotiations on Monday night.",
		"The Yankees were also said to be interested in the switch-hitting first baseman.",
		"A decision is expected before the end of the winter meetings in Las Vegas next week.",
	}, source[:3]...)
	other := []string{
		"An earthquake of magnitude 6.1 struck off the coast of Indonesia early on Sunday, the geological agency said.",
		"There were no immediate reports of damage or casualties, and no tsunami warning was issued.",
		"Indonesia sits on the Pacific Ring of Fire, where tectonic plates collide and earthquakes are frequent.",
	}
	tests := []struct {
		name string
		b    []string
		want Relation
	}{
		{"duplicate", source, Duplicate},
		{"near-duplicate", lightEdit, NearDuplicate},
		{"rewrite", rewrite, Rewrite},
		{"partial", half, Partial},
		{"unrelated", other, None},
	}
	a := newDoc("a", source, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Compare(a, newDoc("b", tt.b, nil))
			if p.Relation != tt.want {
				t.Errorf("relation %q (score %.2f, evidence %q), want %q", p.Relation, p.Score, p.Evidence, tt.want)
			}
			if p.Score < 0 || p.Score > 1 {
				t.Errorf("score %.3f out of [0,1]", p.Score)
			}
		})
	}
}

func TestDirection(t *testing.T) {
	day := time.Date(2025, 4, 23, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		modA, modB func(*document.Document)
		want       string
	}{
		{"text evidence alone: the rewrite drops quotes and specifics", nil, nil, "src"},
		{"publication time outweighs the text", func(d *document.Document) { d.Published = day.Add(time.Hour) }, func(d *document.Document) { d.Published = day }, "cp"},
		{"an agency byline marks the copy", nil, func(d *document.Document) {
			d.Credits = []document.Credit{{Kind: "byline", Text: "By Staff, Agencies"}}
		}, "src"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Either order of the arguments must give the same source.
			for _, swap := range []bool{false, true} {
				a, b := newDoc("src", source, tt.modA), newDoc("cp", rewrite, tt.modB)
				if swap {
					a, b = b, a
				}
				p := Compare(a, b)
				if !p.Relation.Derived() {
					t.Fatalf("not derived: %s %q", p.Relation, p.Evidence)
				}
				if p.Source != tt.want {
					t.Errorf("swap=%v: source %q, want %q; evidence %q", swap, p.Source, tt.want, p.Evidence)
				}
			}
		})
	}
}

func ExampleCompare() {
	p := Compare(newDoc("wire", source, nil), newDoc("spin", rewrite, nil))
	fmt.Println(p.Relation, p.Source)
	// Output: rewrite wire
}

// The body hash is kept by stores, so it must not change: it is the XXH3
// of the text's lower-case words, each followed by a space, as the stream
// hasher it was first computed with gives it.
func TestBodyHashStable(t *testing.T) {
	long := strings.Repeat("A longer text of many words, hashed a buffer at a time. ", 300)
	huge := strings.Repeat("x", 5000) + " and " + strings.Repeat("y", 9000)
	// Words of every length up to past the 16 bytes written in two
	// stores, repeated past a buffer, so that each meets its end.
	var lengths []string
	for n := 1; n <= 20; n++ {
		lengths = append(lengths, strings.Repeat(string(rune('a'+n)), n))
	}
	var ragged []string
	for k := range 700 {
		ragged = append(ragged, lengths[k%len(lengths)])
	}
	for _, paras := range [][]string{nil, source, rewrite, {"One."}, {"Größe Straße, naïve café's menu."}, {long}, {huge}, {long, huge, long},
		{strings.Join(lengths, " ") + "."}, {strings.Join(ragged, " ") + "."}} {
		d := newDoc("d", paras, nil)
		h := xxh3.New()
		for _, s := range d.Text.Sentences {
			for _, tok := range s.Tokens {
				h.WriteString(tok.Lower)
				h.WriteString(" ")
			}
		}
		if got, want := d.BodyHash(), h.Sum64(); got != want {
			t.Errorf("%q: body hash %x, want %x", paras, got, want)
		}
	}
}

// hasDirectQuote reads quotes in place; it must say what splitting the
// sentence at its quote marks says.
func TestHasDirectQuote(t *testing.T) {
	const quoteMarks = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
	split := func(s string) bool {
		if !strings.ContainsAny(s, quoteMarks) {
			return false
		}
		parts := strings.Split(textproc.Fold(s), "\"")
		for i := 1; i < len(parts); i += 2 {
			if len(strings.Fields(parts[i])) >= 4 {
				return true
			}
		}
		return len(parts) == 2 && len(strings.Fields(parts[1])) >= 4
	}
	for r := rune(0); r < 0x3000; r++ {
		s := "a" + string(r) + "b"
		if got, want := hasQuoteMark(s), strings.ContainsAny(s, quoteMarks); got != want {
			t.Errorf("hasQuoteMark(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{
		"", "no quotes at all here", `"One two three four," he said.`, `"One two three," he said.`,
		`He said "one two three four`, `He said "one two three`, `"A" and "b c d e" and "f"`,
		`"a b c d`, `He called it "fake news" again.`, "\u201cNow is the time for Putin,\u201d said Pares.",
		"\u00abOne\u00a0two\tthree\nfour\u00bb", `"" "" ""`, `a "b c" d "e f g h`, "\"\xffbad one two three\"",
		`"one  two   three    four"`, `" one two three "four five six seven"`,
		"“one two three four", "”one two three four”", "„one two three four‟",
		"»one two three four«", "″one two three four″", "‘one two three four’",
		"âone two three fourâ", "Âone two three four Â«",
	} {
		if got, want := hasDirectQuote(s), split(s); got != want {
			t.Errorf("hasDirectQuote(%q) = %v, want %v", s, got, want)
		}
	}
}
