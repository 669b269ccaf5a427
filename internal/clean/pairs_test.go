package clean

import (
	"strings"
	"testing"
)

// foldedText.contains must be strings.Contains: the byte pairs may only
// rule out what is not there.
func TestFoldedTextContains(t *testing.T) {
	texts := append(realTexts(), "he has 5 years of experience", "abc", "a", "", "\x00\x40\x80\xc0", "ﬁne ‘quote’ é")
	var lits []string
	for _, m := range compiled {
		for _, set := range m.need {
			lits = append(lits, set.common)
			lits = append(lits, set.alts...)
		}
	}
	lits = append(lits, bioWords...)
	lits = append(lits, "", "a", "@`", "\x00\x40", "\x80\xc0", "é", "ﬁ")
	for _, s := range texts {
		var f foldedText
		f.init(s)
		for _, lit := range lits {
			if got, want := f.contains(lit), strings.Contains(s, lit); got != want {
				t.Fatalf("contains(%q) in %q = %v, want %v", lit, s, got, want)
			}
		}
		folded := foldCase(s)
		f = foldedText{}
		f.init(folded)
		for _, m := range compiled {
			if got, want := m.holdsNeedIn(&f), m.holdsNeed(folded); got != want {
				t.Fatalf("%s: holdsNeedIn %v, holdsNeed %v on %q", m.rx, got, want, folded)
			}
		}
	}
}

func FuzzFoldedTextContains(f *testing.F) {
	f.Add("he has 5 years of experience", "years of")
	f.Add("abc", "bd")
	f.Add("\x00\x40", "@\x00")
	f.Add("é", "\xa9")
	f.Fuzz(func(t *testing.T, s, lit string) {
		var ft foldedText
		ft.init(s)
		if got, want := ft.contains(lit), strings.Contains(s, lit); got != want {
			t.Fatalf("contains(%q) in %q = %v, want %v", lit, s, got, want)
		}
		// Every piece of s is in it, whatever collides.
		for i := 0; i < len(s); i += 3 {
			if piece := s[i:min(len(s), i+5)]; !ft.contains(piece) {
				t.Fatalf("%q not found in %q", piece, s)
			}
		}
	})
}

// fieldsASCII, eight bytes at a time, must count as fields does, whatever
// falls on the boundaries of its words.
func TestFieldsASCII(t *testing.T) {
	texts := realTexts()
	var all strings.Builder
	for c := range 256 {
		all.WriteByte(byte(c))
	}
	for _, s := range []string{all.String()[:128], all.String(), "a b", " 1 2 3 4 5 6 7 8 9 0 ", "\t\n\v\f\r 0123456789:/", "12345678 abcdefgh  9x\x7f\x00\x08\x0e\x1f"} {
		for i := range len(s) {
			texts = append(texts, s[i:], s[:i])
		}
	}
	for _, s := range texts {
		checkFieldsASCII(t, s)
	}
}

func checkFieldsASCII(t *testing.T, s string) {
	t.Helper()
	n, d, ok := fieldsASCII(s)
	if ok != isASCII(s) {
		t.Fatalf("fieldsASCII(%q) ok = %v", s, ok)
	}
	if wn, wd := fields(s); ok && (n != wn || d != wd) {
		t.Fatalf("fieldsASCII(%q) = %d, %d, want %d, %d", s, n, d, wn, wd)
	}
}

func FuzzFieldsASCII(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(checkFieldsASCII)
}
