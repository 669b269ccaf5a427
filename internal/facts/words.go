package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of a sentence with what the rules need around it: the
// punctuation next to it and whether it stands inside a quotation.
type word struct {
	text   string // as written, without a possessive "'s" or trailing full stop
	key    string // lower case, full stops dropped: "U.S." and "US" read alike
	cap    bool   // starts with an upper-case letter
	num    bool   // starts with a digit
	poss   bool   // was followed by a possessive "'s"
	quoted bool   // inside double quotes
	// before and after are the punctuation between this word and its
	// neighbours, 0 for a plain space: a comma ends a name, a full stop
	// after an abbreviation does not.
	before, after rune
	start, end    int // byte offsets in the folded sentence
	cls           class
}

// is reports whether the word is on one of the lists of c.
func (w *word) is(c class) bool { return w.cls&c != 0 }

// scan splits a folded sentence into words, appended to out.
func scan(out []word, s string) []word {
	quoted := false
	var pending rune // punctuation seen since the last word
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				c, m := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(c) || unicode.IsDigit(c) {
					j += m
					continue
				}
				// Inner punctuation joins a word when a letter or digit
				// follows: "U.S", "1,000", "30-day", "O'Brien".
				if c == '.' || c == '\'' || c == '-' || c == ',' || c == '/' {
					d, _ := utf8.DecodeRuneInString(s[j+m:])
					if unicode.IsLetter(d) || unicode.IsDigit(d) {
						if c == ',' && !(unicode.IsDigit(d) && unicode.IsDigit(lastRune(s[:j]))) {
							break
						}
						j += m
						continue
					}
					// A full stop after a one- or two-letter capitalised
					// abbreviation belongs to it: "Lt.", "U.S.".
					if c == '.' && abbreviation(s[i:j]) {
						j += m
					}
				}
				break
			}
			w := word{text: s[i:j], start: i, end: j, quoted: quoted, before: pending}
			pending = 0
			if strings.HasSuffix(w.text, "'s") && len(w.text) > 2 {
				w.text, w.poss = w.text[:len(w.text)-2], true
			} else if strings.HasSuffix(w.text, "s'") {
				w.poss = true
			}
			w.key = wordKey(w.text)
			w.cls = classes[w.key]
			w.cap = unicode.IsUpper(r)
			w.num = unicode.IsDigit(r)
			out = append(out, w)
			i = j
			continue
		case r == '"':
			quoted = !quoted
			pending = r
			if len(out) > 0 && out[len(out)-1].after == 0 {
				out[len(out)-1].after = r
			}
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			pending = r
			if len(out) > 0 && out[len(out)-1].after == 0 {
				out[len(out)-1].after = r
			}
		}
		i += n
	}
	return out
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// abbreviation reports whether w, followed by a full stop, is an
// abbreviation rather than a word ending a sentence: a short title
// ("Lt", "Gen", "Dr") or dotted initials ("U.S").
func abbreviation(w string) bool {
	if strings.Contains(w, ".") {
		return true
	}
	return titleAbbreviations[strings.ToLower(w)]
}

// wordKey is a word's key: lower case, full stops dropped. Most words are
// lower-case ASCII already, and their key is the word itself.
func wordKey(s string) string {
	plain, ascii := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c == '.' || 'A' <= c && c <= 'Z' {
			plain = false
		}
	}
	switch {
	case ascii && plain:
		return s
	case ascii:
		var buf [64]byte
		b := buf[:0]
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '.':
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			default:
				b = append(b, c)
			}
		}
		return string(b)
	}
	return strings.ReplaceAll(strings.ToLower(strings.TrimSuffix(s, ".")), ".", "")
}
