package corpusgen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one whitespace-separated word of a sentence, split into the
// punctuation before it, the word itself and the punctuation after it:
// `“Obama's,` is {"“", "Obama's", ","}. Edits work on cores and carry the
// punctuation along, so that a rewrite does not lose a comma or a quote.
type word struct{ lead, core, trail string }

func splitWord(w string) word {
	start := strings.IndexFunc(w, isWordRune)
	if start < 0 {
		return word{lead: w}
	}
	end := strings.LastIndexFunc(w, isWordRune)
	_, size := utf8.DecodeRuneInString(w[end:])
	return word{lead: w[:start], core: w[start : end+size], trail: w[end+size:]}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func (w word) String() string { return w.lead + w.core + w.trail }

func splitWords(s string) []word { return appendWords(nil, s) }

// appendWords appends the words of s to dst: splitWords without
// allocating when dst has room.
func appendWords(dst []word, s string) []word {
	for i := 0; i < len(s); {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if j > i {
			dst = append(dst, splitWord(s[i:j]))
		}
		i = j
	}
	return dst
}

// isSpace is ASCII white space. Other spaces stay inside words, which at
// worst costs an edit a match.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func joinWords(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.lead)
		b.WriteString(w.core)
		b.WriteString(w.trail)
	}
	return b.String()
}

// isCap reports whether s starts with an upper-case letter.
func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// hasDigit reports whether s holds a digit.
func hasDigit(s string) bool { return strings.ContainsFunc(s, unicode.IsDigit) }

// upperFirst upper-cases the first letter of s.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// capSentence upper-cases the first word of a sentence, past any opening
// quote or bracket.
func capSentence(ws []word) {
	if len(ws) > 0 {
		ws[0].core = upperFirst(ws[0].core)
	}
}

// endSentence makes the last word end the sentence with a full stop,
// replacing a trailing comma or the like.
func endSentence(ws []word) {
	if len(ws) == 0 {
		return
	}
	last := &ws[len(ws)-1]
	t := strings.TrimRight(last.trail, ",;:—–-")
	if strings.ContainsAny(t, ".!?") {
		last.trail = t
		return
	}
	// The stop goes inside closing quotes and brackets, as in news copy:
	// …will reopen.”
	last.trail = "." + t
}

// stripEnd removes the sentence's final stop (and with it any closing
// punctuation), for joining it to another.
func stripEnd(ws []word) {
	if len(ws) == 0 {
		return
	}
	last := &ws[len(ws)-1]
	last.trail = strings.TrimRight(last.trail, ".!?,;:")
}

// quoted reports whether a sentence holds quotation marks (an apostrophe
// inside a word is not one): such sentences are not restructured, because
// moving clauses around a quote breaks it.
func quoted(s string) bool {
	prev := ' '
	for i, r := range s {
		switch r {
		case '"', '“', '”', '‘', '«', '»':
			return true
		case '’', '\'':
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
				return true
			}
		}
		prev = r
	}
	return false
}

// countWords counts whitespace-separated words.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := isSpace(s[i])
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// titleCase capitalises every word of a headline but the short function
// words, the way many sites style headlines.
func titleCase(s string) string {
	ws := splitWords(s)
	for i := range ws {
		if i > 0 && smallTitleWords[ws[i].core] {
			continue
		}
		ws[i].core = upperFirst(ws[i].core)
	}
	return joinWords(ws)
}

var smallTitleWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "of": true, "in": true,
	"on": true, "at": true, "to": true, "for": true, "by": true, "as": true, "with": true, "from": true,
}
