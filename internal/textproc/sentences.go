package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
		k := strings.IndexAny(text[i:], ".!?")
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
	word := strings.ToLower(before[j:])
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
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
