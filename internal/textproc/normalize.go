package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/wordload"
	"golang.org/x/text/unicode/norm"
)

// Fold applies Unicode compatibility normalisation (NFKC) and folds
// typographic quotes, dashes and spaces to ASCII, so that two copies of a
// text differing only in typography normalise to the same string. Case
// is kept.
func Fold(s string) string {
	// Nearly every text is ASCII, read here eight bytes at a time.
	i := 0
	for i+8 <= len(s) && wordload.Uint64(s, i)&(0x80*0x0101010101010101) == 0 {
		i += 8
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s // nothing to normalise or fold
	}
	// Most text beyond ASCII is ASCII with curly quotes and dashes,
	// which NFKC leaves as they are: it is folded in one pass.
	if f, ok := foldTypography(s, i, true); ok {
		return f
	}
	f, _ := foldTypography(norm.NFKC.String(s), 0, false)
	return f
}

// foldTypography maps the typographic variants that differ between
// copies of one text (curly quotes, dashes, odd spaces) to one ASCII
// form, from byte i of s, s[:i] being ASCII. It is strings.NewReplacer
// of the pairs of typography, rune by rune: no rune's encoding begins
// inside another's, so a replacer finds each where decoding does. If
// plain, it gives up, returning false, at a rune beyond ASCII that NFKC
// could change, so that what it returns is what folding the NFKC form
// of s would return. A string with nothing to fold is returned as it
// is.
func foldTypography(s string, i int, plain bool) (string, bool) {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		to, ok, stable := typography(r)
		if plain && !stable {
			return "", false
		}
		if !ok {
			i += size
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:i])
		b.WriteString(to)
		i += size
		done = i
	}
	if done == 0 {
		return s, true
	}
	b.WriteString(s[done:])
	return b.String(), true
}

// typography returns the ASCII form of a typographic rune, and whether r
// is one; and whether NFKC leaves r, and the ASCII about it, as they are.
func typography(r rune) (to string, ok, stable bool) {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
		return "'", true, true
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return "\"", true, true
	case '\u2033':
		return "\"", true, false
	case '\u2010', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return "-", true, true
	case '\u2011':
		return "-", true, false
	case '\u2026':
		return "...", true, false
	case '\u00a0', '\u2009', '\u200a', '\u202f', '\u2007':
		return " ", true, false
	case '\u200b', '\u200c', '\u200d', '\ufeff':
		return "", true, true
	}
	return "", false, false
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
	if isASCII(s) {
		return normalizeASCII(s)
	}
	// strings.ToLower lowers rune by rune, as this does without making
	// a lower-case copy to read.
	s = Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		r = unicode.ToLower(r)
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

// normalizeASCII is Normalize of ASCII, byte by byte: Fold leaves ASCII as
// it is, and its letters and digits are the ASCII ones.
func normalizeASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b.WriteByte(c)
			space = false
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}
