package textproc

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// quoteFold maps the typographic variants that differ between copies of
// one text (curly quotes, dashes, odd spaces) to one ASCII form, so that
// two copies differing only in typography normalise to the same string.
var quoteFold = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u201f", "\"", "\u2033", "\"",
	"\u00ab", "\"", "\u00bb", "\"",
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-",
	"\u2026", "...",
	"\u00a0", " ", "\u2009", " ", "\u200a", " ", "\u202f", " ", "\u2007", " ",
	"\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "",
)

// Fold applies Unicode compatibility normalisation (NFKC) and folds
// typographic quotes, dashes and spaces to ASCII. Case is kept.
func Fold(s string) string {
	if isASCII(s) {
		return s // nothing to normalise or fold
	}
	return quoteFold.Replace(norm.NFKC.String(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Normalize returns the canonical form used to decide that two texts are
// the same: folded, lower-cased, with runs of whitespace collapsed to one
// space and punctuation other than inside words dropped.
func Normalize(s string) string {
	s = strings.ToLower(Fold(s))
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}
