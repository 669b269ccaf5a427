package textproc

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/wordload"
)

// abbreviations end with a period that does not end a sentence. Lower-case
// keys, without the final period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"lt": true, "gen": true, "col": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "cmdr": true, "adm": true, "cpl": true, "pvt": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true, "supt": true, "insp": true, "det": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "d.c": true, "u.s.a": true, "l.a": true, "n.y": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "bros": true, "no": true, "nos": true, "vs": true, "v": true, "etc": true, "approx": true, "est": true, "dept": true, "univ": true, "assn": true, "ave": true, "blvd": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"a.m": true, "p.m": true, "e.g": true, "i.e": true, "al": true, "fig": true, "ph.d": true,
}

// Sentences splits a paragraph into sentences. A sentence ends at '.', '!'
// or '?' (with any closing quotes or brackets after it) when the next word
// starts a new sentence: an upper-case letter, a digit or an opening quote.
// A period after a known abbreviation or a single initial does not end one.
func Sentences(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	start := 0
	i := 0
	for i < len(text) {
		// Jump to the next terminator: they are ASCII, and an ASCII byte
		// is always a rune of its own, so no rune is skipped that decoding
		// one rune after another would have stopped at.
		k := IndexTerminator(text[i:])
		if k < 0 {
			break
		}
		i += k
		r, size := rune(text[i]), 1
		end := i + size
		// runs of terminators and closing quotes or brackets belong to this sentence
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if r2 == '.' || r2 == '!' || r2 == '?' || isClosing(r2) {
				end += s2
				continue
			}
			break
		}
		if end >= len(text) {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(r2) {
			i = end
			continue
		}
		next := end
		for next < len(text) {
			r3, s3 := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(r3) {
				break
			}
			next += s3
		}
		if next >= len(text) {
			break
		}
		if r == '.' && isAbbreviation(text[start:i]) {
			i = end
			continue
		}
		if !startsSentence(text[next:]) {
			i = end
			continue
		}
		out = append(out, strings.TrimSpace(text[start:end]))
		start = next
		i = next
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// maxAbbreviation is the length of the longest key of abbreviations.
const maxAbbreviation = 6

// IndexTerminator returns the index of the first '.', '!' or '?' of s, the
// first place a sentence may end, or -1: strings.IndexAny(s, ".!?"),
// eight bytes at a time, where IndexAny reads one at a time.
func IndexTerminator(s string) int {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	// A byte of x^c*ones is zero where x holds c; subtracting ones
	// sets the top bit of a zero byte, and of no byte below the first
	// zero one, so that the lowest bit found is the first terminator.
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := wordload.Uint64(s, i)
		a, b, c := x^('.'*ones), x^('!'*ones), x^('?'*ones)
		m := (a-ones)&^a | (b-ones)&^b | (c-ones)&^c
		if m &= high; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '.' || c == '!' || c == '?' {
			return i
		}
	}
	return -1
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '\u201d', '\u2019', '\u00bb':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '\u201c', '\u2018', '\u00ab', '\u2014', '-':
		return true
	}
	return false
}

// isAbbreviation reports whether the text before a period ends with an
// abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	j := len(before)
	for j > 0 {
		r, s := utf8.DecodeLastRuneInString(before[:j])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '\u201c' {
			break
		}
		j -= s
	}
	word := before[j:]
	if isASCII(word) {
		// Lowered on the stack, where strings.ToLower made a copy for
		// each period; what is checked after the abbreviations does not
		// depend on case in ASCII.
		if n := len(word); 0 < n && n <= maxAbbreviation {
			var buf [maxAbbreviation]byte
			for k := range n {
				c := word[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[k] = c
			}
			if abbreviations[string(buf[:n])] {
				return true
			}
		}
	} else {
		word = strings.ToLower(word)
		if abbreviations[word] {
			return true
		}
	}
	if word == "" {
		return false
	}
	// a single letter: an initial ("John F. Kennedy")
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsLetter(r)
	}
	// dotted acronyms of single letters: "U.S", "N.Y.C"
	if strings.Contains(word, ".") {
		for _, part := range strings.Split(word, ".") {
			if utf8.RuneCountInString(part) > 1 {
				return false
			}
		}
		return true
	}
	return false
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isOpening(r) || unicode.Is(unicode.Lo, r)
}
