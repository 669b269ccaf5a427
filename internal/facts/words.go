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

// alnum reports whether r is a letter or a digit, answering ASCII, most
// of news text, without the Unicode tables.
func alnum(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiAlnum[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiAlnum tells the ASCII letters and digits.
var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// decode is utf8.DecodeRuneInString with ASCII answered inline.
func decode(s string) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// scan splits a folded sentence into words, appended to out; the keys
// that are not the word as written are made in a.
func scan(out []word, s string, a *arena) []word {
	quoted := false
	var pending rune // punctuation seen since the last word
	for i := 0; i < len(s); {
		r, n := decode(s[i:])
		switch {
		case alnum(r):
			j := i + n
			for j < len(s) {
				// Most of a word is ASCII letters, read a byte at a time.
				if b := s[j]; b < utf8.RuneSelf && asciiAlnum[b] {
					j++
					continue
				}
				c, m := decode(s[j:])
				if alnum(c) {
					j += m
					continue
				}
				// Inner punctuation joins a word when a letter or digit
				// follows: "U.S", "1,000", "30-day", "O'Brien".
				if c == '.' || c == '\'' || c == '-' || c == ',' || c == '/' {
					d, _ := decode(s[j+m:])
					if alnum(d) {
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
			w.key = a.wordKey(w.text)
			w.cls = classOf(w.key)
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
	// The word is looked up in lower case without making it: most are
	// short ASCII, and the conversion of a key is not kept.
	var buf [8]byte
	if len(w) <= len(buf) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				return titleAbbreviations[strings.ToLower(w)]
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		return titleAbbreviations[string(buf[:len(w)])]
	}
	return titleAbbreviations[strings.ToLower(w)]
}

// wordKey is a word's key: lower case, full stops dropped.
func wordKey(s string) string {
	var a arena
	return a.wordKey(s)
}

// arena makes the strings of one document's facts (keys, names,
// skeletons) one after another in one buffer: a capitalised word, a name
// or a skeleton each needs one, and one allocation for a few hundred
// saves most of the cost of making them. A string made is never written
// again, as a strings.Builder only appends, so each stays valid when
// the buffer grows.
type arena struct{ b strings.Builder }

// since is what was written from at on.
func (a *arena) since(at int) string { return a.b.String()[at:] }

// bytes returns b as a string of the arena.
func (a *arena) bytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	at := a.b.Len()
	a.b.Write(b)
	return a.since(at)
}

// lower is strings.ToLower(s), made in the arena when s is ASCII.
func (a *arena) lower(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s
	}
	at := a.b.Len()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		a.b.WriteByte(c)
	}
	return a.since(at)
}

// wordKey is a word's key: lower case, full stops dropped. Most words are
// lower-case ASCII already, and their key is the word itself.
func (a *arena) wordKey(s string) string {
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
		return a.bytes(b)
	}
	return strings.ReplaceAll(strings.ToLower(strings.TrimSuffix(s, ".")), ".", "")
}
