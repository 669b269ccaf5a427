package ingest

import (
	"strings"
	"testing"
)

// collapseRef is what collapse must return: the definition its fast
// paths are held to.
func collapseRef(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

var collapseCases = []string{
	"", " ", "\n", "\t \r\n", "a", " a", "a ", "  a  ", "a b", "a  b", "a\tb", "a \tb", "a\nb", "a\r\nb",
	"already collapsed text.", "  leading and trailing  ", "tab\tinside", "vertical\vtab\fform",
	"no\u00a0break", "no \u00a0break", "\u00a0edges\u00a0", "thin\u2009space", "ideographic\u3000space",
	"zero\u200bwidth", "\u200b", "\ufeffbom start", "bom\ufeff", "next\u0085line", "ogham\u1680mark",
	"line\u2028sep", "para\u2029sep", "narrow\u202fnbsp", "math\u205fspace", "en\u2002quad ",
	"curly “quotes” here", " “quoted” ", "café au lait", "Зачем ты так?", "中文段落。", "a — b", "a —\u00a0b",
	"bad \xff utf8", "\xff", "\xe2\x80", "trailing \xe2\x80", "a \xc2", "\xc2\xa0\xc2\xa0", "x\x00y", "\x00",
	"two  spaces after “curly”  quote", "ends with space \u3000", "a\u200b \u200bb",
}

func TestCollapse(t *testing.T) {
	for _, s := range collapseCases {
		if got, want := collapse(s), collapseRef(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		if got, want := collapseSpaces(s), collapseRef(s); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
		if got, ok := collapsed(s); ok && got != collapseRef(s) {
			t.Errorf("collapsed(%q) = %q, want %q or false", s, got, collapseRef(s))
		}
	}
}

// The fast path must take the common lines, or it is no use.
func TestCollapsedTakesCommonLines(t *testing.T) {
	for _, s := range []string{"plain words.", " trimmed \n", "curly “quotes” and a café", "\u00a0no-break edges\u200b", "Зачем ты так?"} {
		if _, ok := collapsed(s); !ok {
			t.Errorf("collapsed(%q) takes the slow path", s)
		}
	}
}

func TestParagraphs(t *testing.T) {
	ref := func(text string) []string {
		var out []string
		for line := range strings.Lines(text) {
			if p := collapseRef(line); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	for _, text := range append(collapseCases, "a\n\nb\n", "\n\n\n", "one\r\ntwo\r\n", "last line no newline\nx", "a\u2028b\nc") {
		if got, want := paragraphs(text), ref(text); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("paragraphs(%q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range collapseCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := collapseRef(s)
		if got := collapse(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
		if got := collapseSpaces(s); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	})
}

// collapsed reads eight bytes at a time: what it must notice has to be
// found at every place in a word and across words.
func TestCollapseEveryOffset(t *testing.T) {
	base := "the quick brown fox jumps over the lazy dog"
	for _, ins := range []string{"  ", "\t", "\n", "\r", "\v", "\f", " \t", "\u00a0", " \u00a0", "\u00a0 ", "é", "é ", " é", "\u200b", "\u3000", "\x7f", "\x00", "\xa0", "\x89", "\xc2\xa0\xc2\x89"} {
		for i := range len(base) + 1 {
			s := base[:i] + ins + base[i:]
			for _, s := range []string{s, " " + s, s + " ", "x" + s} {
				if got, want := collapse(s), collapseRef(s); got != want {
					t.Errorf("collapse(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}
