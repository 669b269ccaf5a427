package textproc

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// Stem returns the snowball English stem of a lower-case word.
func Stem(lower string) string {
	if len(lower) <= 2 {
		return lower
	}
	var buf [stemBuf]byte
	if b, ok := appendStem(buf[:0], lower); ok {
		return string(b)
	}
	return english.Stem(lower, true)
}

// stemBuf is the room a word is stemmed in on the stack; longer words
// take the heap, and are rare.
const stemBuf = 32

// appendStem appends the stem of the lower-case word w, of three bytes or
// more, to dst, and reports whether it could: it stems words of ASCII
// without upper case or space, and leaves the rest, a few in a thousand,
// to english.Stem.
//
// It is english.Stem step for step, quirks and all, over bytes where that
// works over a fresh slice of runes with a string for every suffix it
// tries: stemming each word the first time a Tokenizer sees it was most
// of the cost of tokenising a stream of news, whose names and typos keep
// coming. It must give what english.Stem gives for every word;
// FuzzStemMatchesSnowball and TestStemMatchesSnowball hold it to that.
//
// Being a port, it follows github.com/kljensen/snowball/english, which
// is under the MIT licence (copyright the project's creators and
// maintainers), as is the module that still serves the other words.
func appendStem(dst []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || 'A' <= c && c <= 'Z' || c <= ' ' {
			// TrimSpace and ToLower of english.Stem, and the runes beyond
			// ASCII, are left to it.
			return dst, false
		}
	}
	if len(w) <= 2 {
		return append(dst, w...), true
	}
	if s, ok := specialStem(w); ok {
		return append(dst, s...), true
	}
	start := len(dst)
	dst = append(dst, w...)
	s := stemmer{b: dst[start:], n: len(w)}
	s.preprocess()
	s.step0()
	s.step1a()
	s.step1b()
	s.step1c()
	s.step2()
	s.step3()
	s.step4()
	s.step5()
	for i, c := range s.b[:s.n] {
		if c == 'Y' {
			s.b[i] = 'y'
		}
	}
	return dst[:start+s.n], true
}

// stemmer is a word being stemmed, in place, with the starts of its
// regions R1 and R2, as snowballword.SnowballWord is. The word is the
// first n bytes of b, which is never given another array: were it, as by
// append, the word's buffer would escape to the heap.
type stemmer struct {
	b         []byte
	n, r1, r2 int
}

// isVowel is english's isLowerVowel: y is a vowel, Y is not.
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// hasSuffix reports whether the word ends in suf, not empty. The last
// byte, which rules out most suffixes tried, is compared first, where a
// comparison of strings would call memequal for each.
func (s *stemmer) hasSuffix(suf string) bool {
	n := s.n
	return n >= len(suf) && s.b[n-1] == suf[len(suf)-1] && string(s.b[n-len(suf):n]) == suf
}

// firstSuffix returns the first of sufs that ends the word, or "".
func (s *stemmer) firstSuffix(sufs ...string) string {
	for _, suf := range sufs {
		if s.hasSuffix(suf) {
			return suf
		}
	}
	return ""
}

// truncate cuts the word to n bytes, and its regions with it.
func (s *stemmer) truncate(n int) {
	s.n = n
	s.r1 = min(s.r1, n)
	s.r2 = min(s.r2, n)
}

// replace puts repl, no longer than they, in place of the last n bytes of
// the word.
func (s *stemmer) replace(n int, repl string) {
	s.truncate(s.n - n + copy(s.b[s.n-n:], repl))
}

func (s *stemmer) preprocess() {
	// Leading apostrophes go, all but the last if there is nothing else,
	// as english's loop over the runes leaves it.
	n := 0
	for n < s.n-1 && s.b[n] == '\'' {
		n++
	}
	if n > 0 {
		s.n = copy(s.b, s.b[n:s.n])
	}
	for i, c := range s.b[:s.n] {
		if c == 'y' && (i == 0 || isVowel(s.b[i-1])) {
			s.b[i] = 'Y'
		}
	}
	switch {
	case s.hasPrefix("gener"):
		s.r1 = 5
	case s.hasPrefix("commun"):
		s.r1 = 6
	case s.hasPrefix("arsen"):
		s.r1 = 5
	default:
		s.r1 = s.vnv(0)
	}
	s.r2 = s.vnv(s.r1)
}

func (s *stemmer) hasPrefix(p string) bool {
	return s.n >= len(p) && string(s.b[:len(p)]) == p
}

// vnv is romance.VnvSuffix: the place after the first non-vowel that
// follows a vowel, the vowel at start or after, or the end of the word.
func (s *stemmer) vnv(start int) int {
	for j := start + 1; j < s.n; j++ {
		if isVowel(s.b[j-1]) && !isVowel(s.b[j]) {
			return j + 1
		}
	}
	return s.n
}

func (s *stemmer) step0() {
	if suf := s.firstSuffix("'s'", "'s", "'"); suf != "" {
		s.truncate(s.n - len(suf))
	}
}

func (s *stemmer) step1a() {
	n := s.n
	switch {
	case s.hasSuffix("sses"):
		s.replace(4, "ss")
	case s.hasSuffix("ied"), s.hasSuffix("ies"):
		if n > 4 {
			s.replace(3, "i")
		} else {
			s.replace(3, "ie")
		}
	case s.hasSuffix("us"), s.hasSuffix("ss"):
	case s.hasSuffix("s"):
		for i := 0; i < n-2; i++ {
			if isVowel(s.b[i]) {
				s.truncate(n - 1)
				return
			}
		}
	}
}

func (s *stemmer) step1b() {
	suf := s.firstSuffix("eedly", "ingly", "edly", "ing", "eed", "ed")
	switch suf {
	case "":
		return
	case "eed", "eedly":
		if len(suf) <= s.n-s.r1 {
			s.replace(len(suf), "ee")
		}
		return
	}
	stem := s.n - len(suf)
	vowel := false
	for _, c := range s.b[:stem] {
		if isVowel(c) {
			vowel = true
			break
		}
	}
	if !vowel {
		return
	}
	r1, r2 := s.r1, s.r2
	s.truncate(stem)
	switch s.firstSuffix("at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt") {
	case "":
		if s.isShort() {
			// The word lost two bytes or more just now: there is room.
			s.b[s.n] = 'e'
			s.n++
			s.r1, s.r2 = s.n, s.n
			return
		}
	case "at", "bl", "iz":
		s.b[s.n] = 'e'
		s.n++
	default:
		s.n--
	}
	s.r1, s.r2 = min(r1, s.n), min(r2, s.n)
}

// isShort is english's isShortWord.
func (s *stemmer) isShort() bool {
	return s.r1 >= s.n && s.endsShortSyllable(s.n)
}

// endsShortSyllable is english's endsShortSyllable of the first i bytes.
func (s *stemmer) endsShortSyllable(i int) bool {
	switch {
	case i == 2:
		return isVowel(s.b[0]) && !isVowel(s.b[1])
	case i >= 3:
		c1, c2, c3 := s.b[i-1], s.b[i-2], s.b[i-3]
		return !isVowel(c1) && c1 != 'w' && c1 != 'x' && c1 != 'Y' && isVowel(c2) && !isVowel(c3)
	}
	return false
}

func (s *stemmer) step1c() {
	n := s.n
	if n > 2 && (s.b[n-1] == 'y' || s.b[n-1] == 'Y') && !isVowel(s.b[n-2]) {
		s.b[n-1] = 'i'
	}
}

func (s *stemmer) step2() {
	n := s.n
	if n == 0 {
		return
	}
	// The suffixes are english's, in its order, found by their last
	// letter: only the first that ends the word counts.
	var suf, repl string
	switch s.b[n-1] {
	case 'l':
		suf = s.firstSuffix("ational", "tional")
		switch suf {
		case "ational":
			repl = "ate"
		case "tional":
			repl = "tion"
		}
	case 's':
		suf = s.firstSuffix("fulness", "iveness", "ousness")
		switch suf {
		case "fulness":
			repl = "ful"
		case "iveness":
			repl = "ive"
		case "ousness":
			repl = "ous"
		}
	case 'n':
		suf = s.firstSuffix("ization", "ation")
		switch suf {
		case "ization":
			repl = "ize"
		case "ation":
			repl = "ate"
		}
	case 'i':
		suf = s.firstSuffix("biliti", "lessli", "aliti", "entli", "fulli", "iviti", "ousli",
			"anci", "abli", "alli", "enci", "bli", "ogi", "li")
		switch suf {
		case "biliti", "bli":
			repl = "ble"
		case "lessli":
			repl = "less"
		case "aliti", "alli":
			repl = "al"
		case "entli":
			repl = "ent"
		case "fulli":
			repl = "ful"
		case "iviti":
			repl = "ive"
		case "ousli":
			repl = "ous"
		case "anci":
			repl = "ance"
		case "abli":
			repl = "able"
		case "enci":
			repl = "ence"
		}
	case 'm':
		if s.hasSuffix("alism") {
			suf, repl = "alism", "al"
		}
	case 'r':
		suf = s.firstSuffix("ator", "izer")
		switch suf {
		case "ator":
			repl = "ate"
		case "izer":
			repl = "ize"
		}
	}
	if suf == "" || len(suf) > n-s.r1 {
		return
	}
	switch suf {
	case "li":
		if n >= 3 {
			switch s.b[n-3] {
			case 'c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't':
				s.truncate(n - 2)
			}
		}
		return
	case "ogi":
		if n >= 4 && s.b[n-4] == 'l' {
			s.replace(3, "og")
		}
		return
	}
	s.replace(len(suf), repl)
}

func (s *stemmer) step3() {
	suf := s.firstSuffix("ational", "tional", "alize", "icate", "ative", "iciti", "ical", "ful", "ness")
	n := s.n
	if suf == "" || len(suf) > n-s.r1 {
		return
	}
	var repl string
	switch suf {
	case "ative":
		if n-s.r2 >= 5 {
			s.truncate(n - 5)
		}
		return
	case "ational":
		repl = "ate"
	case "tional":
		repl = "tion"
	case "alize":
		repl = "al"
	case "icate", "iciti", "ical":
		repl = "ic"
	}
	s.replace(len(suf), repl)
}

func (s *stemmer) step4() {
	n := s.n
	if n == 0 {
		return
	}
	var suf string
	switch s.b[n-1] {
	case 't':
		suf = s.firstSuffix("ement", "ment", "ent", "ant")
	case 'e':
		suf = s.firstSuffix("ance", "ence", "able", "ible", "ate", "ive", "ize")
	case 'm':
		suf = s.firstSuffix("ism")
	case 'i':
		suf = s.firstSuffix("iti")
	case 's':
		suf = s.firstSuffix("ous")
	case 'n':
		suf = s.firstSuffix("ion")
	case 'l':
		suf = s.firstSuffix("al")
	case 'r':
		suf = s.firstSuffix("er")
	case 'c':
		suf = s.firstSuffix("ic")
	}
	if suf == "" || len(suf) > n-s.r2 {
		return
	}
	if suf == "ion" && (n < 4 || s.b[n-4] != 's' && s.b[n-4] != 't') {
		return
	}
	s.truncate(n - len(suf))
}

func (s *stemmer) step5() {
	last := s.n - 1
	if s.r1 > last {
		return
	}
	switch {
	case s.b[last] == 'e':
		if s.r2 <= last || !s.endsShortSyllable(last) {
			s.truncate(last)
		}
	case s.r2 <= last && s.b[last] == 'l' && last >= 1 && s.b[last-1] == 'l':
		s.truncate(last)
	}
}

// specialStem is english's stemSpecialWord.
func specialStem(w string) (string, bool) {
	switch w {
	case "skis":
		return "ski", true
	case "skies":
		return "sky", true
	case "dying":
		return "die", true
	case "lying":
		return "lie", true
	case "tying":
		return "tie", true
	case "idly":
		return "idl", true
	case "gently":
		return "gentl", true
	case "ugly":
		return "ugli", true
	case "early":
		return "earli", true
	case "only":
		return "onli", true
	case "singly":
		return "singl", true
	case "sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning",
		"outing", "canning", "herring", "earring", "proceed", "exceed", "succeed":
		return w, true
	case "innings", "outings", "cannings", "herrings", "earrings":
		return strings.TrimSuffix(w, "s"), true
	case "proceeds", "proceeded", "proceeding":
		return "proceed", true
	case "exceeds", "exceeded", "exceeding":
		return "exceed", true
	case "succeeds", "succeeded", "succeeding":
		return "succeed", true
	}
	return "", false
}
