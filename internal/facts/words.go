package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of a sentence with what the rules need around it: the
// punctuation next to it and whether it stands inside a quotation.
type word struct {
	text string // as written, without a possessive "'s" or trailing full stop
	key  string // lower case, full stops dropped: "U.S." and "US" read alike
	// before and after are the punctuation between this word and its
	// neighbours, 0 for a plain space: a comma ends a name, a full stop
	// after an abbreviation does not.
	before, after rune
	start, end    int32 // byte offsets in the folded sentence
	cls           class
	cap           bool // starts with an upper-case letter
	num           bool // starts with a digit
	poss          bool // was followed by a possessive "'s"
	quoted        bool // inside double quotes
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

// The kinds of a byte of a word: an ASCII letter or digit, and the kinds
// that make a word's key differ from it.
const (
	byteAlnum   = 1 << iota // an ASCII letter or digit
	keyUpper                // an upper-case ASCII letter
	keyDot                  // a full stop
	keyNonASCII             // a byte of a rune past ASCII

	keyKinds = keyUpper | keyDot | keyNonASCII
)

// byteKinds are the kinds of each byte (see byteAlnum).
var byteKinds = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = byteAlnum | keyUpper
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = byteAlnum
		case c == '.':
			t[c] = keyDot
		case c >= utf8.RuneSelf:
			t[c] = keyNonASCII
		}
	}
	return t
}()

// asciiPunct tells the ASCII punctuation marks and symbols.
var asciiPunct = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsPunct(rune(c)) || unicode.IsSymbol(rune(c))
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
		// Between words, most bytes are spaces and ASCII punctuation,
		// told apart by a table.
		var r rune
		n := 1
		if c := s[i]; c < utf8.RuneSelf {
			if byteKinds[c]&byteAlnum == 0 {
				switch {
				case c == ' ':
				case c == '"':
					quoted = !quoted
					pending = '"'
					if len(out) > 0 && out[len(out)-1].after == 0 {
						out[len(out)-1].after = '"'
					}
				case asciiPunct[c]:
					pending = rune(c)
					if len(out) > 0 && out[len(out)-1].after == 0 {
						out[len(out)-1].after = rune(c)
					}
				}
				i++
				continue
			}
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case alnum(r):
			j := i + n
			// The kinds of the word's bytes, read while it is split: a
			// word with none of them, most words, is its own key.
			kinds := byteKinds[s[i]]
			for j < len(s) {
				// Most of a word is ASCII letters, read a byte at a time.
				b := s[j]
				if k := byteKinds[b]; k&byteAlnum != 0 {
					kinds |= k
					j++
					continue
				}
				c, m := rune(b), 1
				if b >= utf8.RuneSelf {
					c, m = utf8.DecodeRuneInString(s[j:])
					if alnum(c) {
						kinds |= keyNonASCII
						j += m
						continue
					}
				}
				// Inner punctuation joins a word when a letter or digit
				// follows: "U.S", "1,000", "30-day", "O'Brien".
				if c == '.' || c == '\'' || c == '-' || c == ',' || c == '/' {
					d, _ := decode(s[j+m:])
					if alnum(d) {
						if c == ',' && !(unicode.IsDigit(d) && unicode.IsDigit(lastRune(s[:j]))) {
							break
						}
						kinds |= byteKinds[c]
						j += m
						continue
					}
					// A full stop after a one- or two-letter capitalised
					// abbreviation belongs to it: "Lt.", "U.S.".
					if c == '.' && abbreviation(s[i:j]) {
						kinds |= keyDot
						j += m
					}
				}
				break
			}
			w := word{text: s[i:j], start: int32(i), end: int32(j), quoted: quoted, before: pending}
			pending = 0
			if strings.HasSuffix(w.text, "'s") && len(w.text) > 2 {
				w.text, w.poss = w.text[:len(w.text)-2], true
			} else if strings.HasSuffix(w.text, "s'") {
				w.poss = true
			}
			// Most words are their own key. The possessive cut holds
			// none of the kinds.
			w.key = w.text
			if kinds&keyKinds != 0 {
				w.key = a.key(w.text, kinds)
			}
			w.cls = classOf(w.key)
			if r < utf8.RuneSelf {
				w.cap = 'A' <= r && r <= 'Z'
				w.num = '0' <= r && r <= '9'
			} else {
				w.cap = unicode.IsUpper(r)
				w.num = unicode.IsDigit(r)
			}
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
	var kinds uint8
	for i := 0; i < len(s); i++ {
		kinds |= byteKinds[s[i]]
	}
	return a.key(s, kinds)
}

// key is wordKey(s), told the kinds of the bytes of s (see byteAlnum).
func (a *arena) key(s string, kinds uint8) string {
	switch {
	case kinds&keyKinds == 0:
		return s
	case kinds&keyNonASCII == 0:
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
