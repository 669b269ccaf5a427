package textproc

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/kljensen/snowball/english"

	"github.com/stemma-news/stemma/internal/wordload"
)

// Kind classifies a token.
type Kind uint8

const (
	Word   Kind = iota // letters, possibly with inner apostrophes or hyphens
	Number             // starts with a digit: "30", "1,000", "2.5"
)

// Token is one word or number of a sentence.
type Token struct {
	Text  string // as written, typography folded
	Lower string // lower case
	Stem  string // snowball English stem of Lower; numbers stay as written
	Kind  Kind
	Stop  bool // an English stopword
	Cap   bool // starts with an upper-case letter
}

// Content reports whether the token carries meaning on its own: a number
// or a word that is not a stopword.
func (t Token) Content() bool { return t.Kind == Number || !t.Stop }

// Tokens splits text into word and number tokens at Unicode word
// boundaries, dropping punctuation and space. Possessive "'s" is removed
// so that "Trump's" and "Trump" share a stem.
func Tokens(text string) []Token { return tokens(text) }

// kindOf returns the kind of a token that starts with r, and false for
// text that is no token: spaces, punctuation, symbols.
func kindOf(r rune) (Kind, bool) {
	switch {
	case unicode.IsDigit(r):
		return Number, true
	case unicode.IsLetter(r):
		return Word, true
	}
	return 0, false
}

// tokens is Tokens made plainly, one word after another through the
// iterator and the stemmer: what a Tokenizer must give, faster.
func tokens(text string) []Token {
	text = Fold(text)
	out := make([]Token, 0, len(text)/6+1)
	it := words.FromString(text)
	for it.Next() {
		w := it.Value()
		r, _ := utf8.DecodeRuneInString(w)
		kind, ok := kindOf(r)
		if !ok {
			continue
		}
		t := Token{Kind: kind, Cap: unicode.IsUpper(r)}
		if kind == Number {
			t.Lower = strings.ToLower(w)
			t.Stem = strings.ReplaceAll(t.Lower, ",", "")
		} else {
			t.Lower = strings.TrimSuffix(strings.ToLower(w), "'s")
			t.Stem, t.Stop = stemOf(t.Lower)
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'S")
		}
		t.Text = w
		out = append(out, t)
	}
	return out
}

// Tokenizer makes tokens like Tokens, remembering the stems it has made:
// stemming is most of the cost of tokenising, and news vocabulary repeats
// so much that a few tens of thousands of words cover most of any text. A
// Tokenizer is not safe for concurrent use; give each goroutine its own.
// A nil *Tokenizer tokenises without remembering.
type Tokenizer struct {
	// cache is the words seen, and front those most used: a word is
	// looked for in front first, and is copied into it from cache, or
	// from the stemmer, when not there. front is small enough to stay in
	// the processor's cache, and answers about three words in four;
	// cache is too large to stay there, and each read of it waits for
	// memory.
	cache, front stemCache
	size         int // the buckets of cache, made on first use; 0 means stemBuckets
	// spans are the tokens of the text being tokenised: found first, so
	// that the tokens are made once, in a slice of their number.
	spans []span
	// texts and ends are, for TokensEach, the folded sentences and where
	// the spans of each end.
	texts []string
	ends  []int
	iter  *words.Iterator[string] // for the boundaries split leaves to it
	sink  uint64                  // of stemCache.touch, so that its reads are kept
}

// NewTokenizer returns a Tokenizer that remembers about words stems, where
// the zero Tokenizer remembers 256k in 8 MB: a tokeniser that sees every
// text of a firehose is worth more memory than one that sees a few.
func NewTokenizer(words int) *Tokenizer {
	size := minStemBuckets
	for size < maxStemBuckets && 2*size < words {
		size *= 2
	}
	return &Tokenizer{size: size}
}

// init makes the caches.
func (tk *Tokenizer) init() {
	if tk.size <= 0 {
		tk.size = stemBuckets
	}
	tk.cache.init(tk.size)
	tk.front.init(max(1, min(tk.size/8, maxFrontBuckets)))
}

// span is a token of the text being tokenised, by its place in the text,
// so that the Tokenizer's scratch holds no pointers.
type span struct {
	start, end int32 // the token as written
	kind       Kind
	cap        bool
	// keyed says key is the lower case of the word, of n bytes and
	// hash hash, and changed whether that differs from the word as
	// written: set for words of ASCII short enough to cache, the most of
	// them.
	keyed, changed bool
	n              uint8
	// front is the index of the way of the front cache that held the
	// word when it was split, or -1.
	front int32
	key   wordKey
	hash  uint64
}

// Tokens is the package function Tokens, with stems remembered.
func (tk *Tokenizer) Tokens(text string) []Token {
	if tk == nil {
		return tokens(text)
	}
	text = Fold(text)
	if len(text) > math.MaxInt32 {
		return tokens(text) // beyond what a span holds
	}
	if tk.cache.entries == nil {
		tk.init()
	}
	tk.spans = tk.split(tk.spans[:0], text)
	// The cache is first read at every word's place at once: those reads
	// do not depend on each other, and in a loop of nothing else the
	// processor overlaps their misses, where looking each word up in turn
	// waits for one miss after another.
	tk.sink += tk.cache.touch(tk.spans)
	out := make([]Token, len(tk.spans))
	tk.fill(out, tk.spans, text)
	return out
}

// TokensEach calls each with the index and the tokens of each of
// sentences in turn, the tokens as Tokens makes them. The tokens of all
// the sentences are made in one array, each sentence's slice of it
// ending at its capacity, so that appending to one never writes over the
// next: a slice made per sentence was a fifth of the cost of tokenising
// a document. The array is kept as long as any of its slices is.
func (tk *Tokenizer) TokensEach(sentences []string, each func(i int, toks []Token)) {
	if tk == nil {
		for i, s := range sentences {
			each(i, tokens(s))
		}
		return
	}
	if tk.cache.entries == nil {
		tk.init()
	}
	texts, ends := tk.texts[:0], tk.ends[:0]
	spans := tk.spans[:0]
	for _, s := range sentences {
		s = Fold(s)
		if len(s) > math.MaxInt32 {
			// Beyond what a span holds: the sentences are made one
			// by one instead.
			clear(texts)
			for i, s := range sentences {
				each(i, tk.Tokens(s))
			}
			return
		}
		texts = append(texts, s)
		spans = tk.split(spans, s)
		ends = append(ends, len(spans))
	}
	tk.spans, tk.ends = spans, ends
	// The cache is read for the whole document at once, as Tokens does
	// for a sentence: more misses overlap.
	tk.sink += tk.cache.touch(spans)
	out := make([]Token, len(spans))
	start := 0
	for i, end := range ends {
		tk.fill(out[start:end], spans[start:end], texts[i])
		start = end
	}
	// The folded texts are let go of before each is called, which may
	// tokenise with tk again.
	clear(texts)
	tk.texts = texts
	start = 0
	for i, end := range ends {
		each(i, out[start:end:end])
		start = end
	}
}

// fill sets out, of the length of spans, to the tokens of the spans of
// text.
func (tk *Tokenizer) fill(out []Token, spans []span, text string) {
	for i := range spans {
		s := &spans[i]
		w := text[s.start:s.end]
		t := &out[i]
		t.Kind, t.Cap = s.kind, s.cap
		if s.kind == Number {
			t.Text = w
			t.Lower = strings.ToLower(w)
			t.Stem = strings.ReplaceAll(t.Lower, ",", "")
			continue
		}
		n := int(s.n)
		if !s.keyed || n < len(w) {
			t.Text = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'S")
			if !s.keyed {
				tk.word(t, w)
				continue
			}
		} else {
			t.Text = w // split cut no "'s", so there is none
		}
		var e *stemSlot
		if s.front >= 0 {
			// The way may since have been given to another word of the
			// text. It is marked hit here, where it is in the
			// processor's cache, rather than by split, which reads the
			// front cache without waiting on it.
			if e = &tk.front.entries[s.front]; e.holds(s.key) {
				tk.front.hit(int(s.front))
			} else {
				e = nil
			}
		}
		if e == nil {
			e = tk.slot(s.key, s.hash, w[:n], s.changed)
		}
		tk.setForms(t, e, w, n, s.changed)
	}
}

// slot returns the way of the front cache that holds the word w, of key k
// and hash h, taken from the cache or stemmed; w is in lower case unless
// changed.
func (tk *Tokenizer) slot(k wordKey, h uint64, w string, changed bool) *stemSlot {
	var e stemSlot
	if i := tk.cache.find(k, h); i >= 0 {
		e = tk.cache.entries[i]
	} else {
		lower := w
		if changed {
			// The key is the lower case already: its bytes, on the
			// stack, are what strings.ToLower would have allocated.
			var b [16]byte
			binary.LittleEndian.PutUint64(b[:8], k.lo)
			binary.LittleEndian.PutUint64(b[8:], k.hi)
			lower = string(b[:len(w)])
		}
		// The stem is made on the stack, and the slot's one string from
		// it: a first sighting costs one allocation.
		var buf [stemBuf]byte
		stem, stop := appendStemOf(buf[:0], lower)
		e = newSlot(lower, stem, stop, k)
		tk.cache.put(e.key, e.forms, h)
	}
	return tk.front.put(e.key, e.forms, h)
}

// word sets the lower case, stem and stopword flag of t, of the word w,
// for a word split did not key.
func (tk *Tokenizer) word(t *Token, w string) {
	lower := strings.TrimSuffix(strings.ToLower(w), "'s")
	if len(lower) > maxCachedWord || lower == "" {
		t.Lower = lower
		t.Stem, t.Stop = stemOf(lower)
		return
	}
	k := keyOf(lower)
	h := k.hash()
	var e *stemSlot
	if i := tk.front.find(k, h); i >= 0 {
		e = &tk.front.entries[i]
	} else {
		e = tk.slot(k, h, lower, false)
	}
	changed := !strings.HasPrefix(w, lower)
	tk.setForms(t, e, w, len(lower), changed)
}

// setForms sets the lower case, stem and stopword flag of t from the way
// e of the word w, of n bytes, written in lower case unless changed.
func (tk *Tokenizer) setForms(t *Token, e *stemSlot, w string, n int, changed bool) {
	// A word already in lower case is given as it is in the text, where
	// it is read next to the words around it, rather than as the cache
	// holds it.
	var lower string
	if changed {
		lower = e.forms[:n]
	} else {
		lower = w[:n]
	}
	t.Lower = lower
	if e.key.hi&slotPrefix != 0 {
		t.Stem = lower[:len(e.forms)-n]
	} else {
		t.Stem = e.forms[n:]
	}
	t.Stop = e.key.hi&slotStop != 0
}

// split appends the word and number tokens of text to spans, at the
// boundaries words.Iterator finds, keying the words it can.
//
// Most of a text is short runs of ASCII letters followed by a space or
// a punctuation mark, where the boundaries of Unicode's rules are plain;
// those runs, and the spaces and marks between them, are split here, and
// the iterator is asked only where a rule could join more: at an
// apostrophe, point, comma, colon, semicolon or underscore followed by a
// letter or digit, and next to anything beyond ASCII. The iterator starts
// each token afresh, carrying nothing from the one before, so it gives
// the same tokens started from any boundary as from the start of the
// text.
func (tk *Tokenizer) split(spans []span, text string) []span {
	i := 0
	for i < len(text) {
		c := text[i]
		var end int
		// read says that the token is a word of ASCII letters and
		// digits short enough to cache, read eight bytes at a time, and
		// raw is its bytes, as keyOf would give them.
		var raw wordKey
		read := false
		switch {
		case asciiAlnum[c]:
			if i+8 <= len(text) {
				// Most words are shorter than eight bytes: their end is
				// found, and their key made, from one load.
				x := wordload.Uint64(text, i)
				n := bits.TrailingZeros64(^alnumBytes(x)&highBits) >> 3
				end = i + n
				if n < 8 {
					raw.lo, read = x&(1<<(8*n)-1), true
				} else if i+16 <= len(text) {
					y := wordload.Uint64(text, i+8)
					n := bits.TrailingZeros64(^alnumBytes(y)&highBits) >> 3
					end += n
					if n < 8 {
						raw, read = wordKey{x, y & (1<<(8*n) - 1)}, true
					}
				}
			} else {
				end = i + 1
			}
			for end < len(text) && asciiAlnum[text[end]] {
				end++
			}
			if end < len(text) && !asciiBoundary(text, end) {
				end = tk.next(text, i)
				read = false
			}
		case c < utf8.RuneSelf && c != '_':
			// A token of its own, or of a run of spaces, unless marks
			// beyond ASCII that extend it follow; either way not a word.
			end = i + 1
			for end < len(text) && c == ' ' && text[end] == ' ' {
				end++
			}
			if end < len(text) && text[end] >= utf8.RuneSelf {
				end = tk.next(text, i)
			}
			i = end
			continue
		default:
			end = tk.next(text, i)
		}
		w := text[i:end]
		i = end
		// A word is most often followed by one space and then ASCII: the
		// space, a token of its own, is passed here rather than by a turn
		// of the loop.
		if i+1 < len(text) && text[i] == ' ' && text[i+1] != ' ' && text[i+1] < utf8.RuneSelf {
			i++
		}
		var kind Kind
		var capital bool
		if c := w[0]; c < utf8.RuneSelf {
			switch {
			case '0' <= c && c <= '9':
				kind = Number
			case 'a' <= c && c <= 'z':
				kind = Word
			case 'A' <= c && c <= 'Z':
				kind, capital = Word, true
			default:
				continue
			}
		} else {
			r, _ := utf8.DecodeRuneInString(w)
			var ok bool
			if kind, ok = kindOf(r); !ok {
				continue
			}
			capital = unicode.IsUpper(r)
		}
		// The span is written in place: a span made and then appended is
		// copied through the stack.
		spans = append(spans, span{})
		s := &spans[len(spans)-1]
		s.start, s.end, s.kind, s.cap, s.front = int32(end-len(w)), int32(end), kind, capital, -1
		if kind == Word && read {
			// Letters and digits only, so no "'s" to cut.
			ulo, uhi := upperBytes(raw.lo), upperBytes(raw.hi)
			k := wordKey{raw.lo | ulo>>2, raw.hi | uhi>>2}
			h := k.hash()
			s.keyed, s.changed, s.n, s.key, s.hash = true, ulo|uhi != 0, uint8(len(w)), k, h
			s.front = int32(tk.front.way(k, h))
		} else if kind == Word {
			n := len(w)
			if n >= 2 && w[n-2] == '\'' && w[n-1]|0x20 == 's' {
				n -= 2 // the lower case has its "'s" cut
			}
			if 0 < n && n <= maxCachedWord {
				if k, changed, ok := asciiLowerKey(w[:n]); ok {
					h := k.hash()
					s.keyed, s.changed, s.n, s.key, s.hash = true, changed, uint8(n), k, h
					s.front = int32(tk.front.way(k, h))
				}
			}
		}
	}
	return spans
}

// next returns the end of the token of text that starts at i, as
// words.Iterator finds it.
func (tk *Tokenizer) next(text string, i int) int {
	if tk.iter == nil {
		tk.iter = words.FromString("")
	}
	tk.iter.SetText(text[i:])
	tk.iter.Next()
	return i + tk.iter.End()
}

// asciiBoundary reports whether a word of ASCII letters and digits that
// ends at i, before the end of text, ends a token. Only an underscore
// joins what follows to such a word, or an apostrophe, point, comma,
// colon or semicolon between it and a letter or digit; and anything
// beyond ASCII may.
func asciiBoundary(text string, i int) bool {
	switch text[i] {
	case '_':
		return false
	case '\'', '.', ',', ':', ';':
		if i+1 == len(text) {
			return true
		}
		c := text[i+1]
		return c < utf8.RuneSelf && !isASCIIAlnum(c) && c != '_'
	}
	return text[i] < utf8.RuneSelf
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// highBits is the top bit of each byte of a word.
const highBits = 0x8080808080808080

// alnumBytes returns the top bit of each byte of x, eight bytes of text,
// that is an ASCII letter or digit. A byte b is in the range lo to hi
// when b+0x80-lo has its top bit set and b+0x7f-hi has not; with the top
// bits cleared first no sum carries into the next byte. A letter is one
// whose lower case, b|0x20, is from a to z.
func alnumBytes(x uint64) uint64 {
	const ones = 0x0101010101010101
	a := x &^ highBits
	l := a | 0x20*ones
	letter := (l + (0x80-'a')*ones) &^ (l + (0x7f-'z')*ones)
	digit := (a + (0x80-'0')*ones) &^ (a + (0x7f-'9')*ones)
	return (letter | digit) &^ x & highBits
}

// upperBytes returns the top bit of each byte of x, of ASCII bytes, that
// is an upper-case letter; x|upperBytes(x)>>2 is x in lower case. The
// ranges are found as alnumBytes finds them, the top bits already clear.
func upperBytes(x uint64) uint64 {
	const ones = 0x0101010101010101
	return (x + (0x80-'A')*ones) &^ (x + (0x7f-'Z')*ones) & highBits
}

// asciiAlnum is isASCIIAlnum as a table, read for every byte of a word.
var asciiAlnum = func() (t [256]bool) {
	for c := range t {
		t[c] = isASCIIAlnum(byte(c))
	}
	return t
}()

// stemOf returns the stem of a lower-case word and whether it is a
// stopword.
func stemOf(lower string) (string, bool) {
	// Stopwords are two fifths of English text and few: a small table
	// answers them without stemming.
	if english.IsStopWord(lower) {
		return stopStems[lower], true
	}
	return Stem(lower), false
}

// appendStemOf is stemOf, the stem appended to dst.
func appendStemOf(dst []byte, lower string) ([]byte, bool) {
	if english.IsStopWord(lower) {
		return append(dst, stopStems[lower]...), true
	}
	if len(lower) <= 2 {
		return append(dst, lower...), false
	}
	if b, ok := appendStem(dst, lower); ok {
		return b, false
	}
	return append(dst, english.Stem(lower, true)...), false
}

// stopStems holds the stem of every stopword. It is built once and
// never changed.
var stopStems = func() map[string]string {
	m := map[string]string{}
	for _, w := range stopwords {
		if english.IsStopWord(w) {
			m[w] = Stem(w)
		}
	}
	return m
}()

// stopwords are snowball's English stopwords (english.IsStopWord answers
// for each; the package exports no list).
var stopwords = []string{
	"a", "about", "above", "after", "again", "against", "all", "am", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before",
	"being", "below", "between", "both", "but", "by", "can", "did", "do",
	"does", "doing", "don", "down", "during", "each", "few", "for", "from",
	"further", "had", "has", "have", "having", "he", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
	"it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no",
	"nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
	"our", "ours", "ourselves", "out", "over", "own", "s", "same", "she",
	"should", "so", "some", "such", "t", "than", "that", "the", "their",
	"theirs", "them", "themselves", "then", "there", "these", "they", "this",
	"those", "through", "to", "too", "under", "until", "up", "very", "was",
	"we", "were", "what", "when", "where", "which", "while", "who", "whom",
	"why", "will", "with", "you", "your", "yours", "yourself", "yourselves",
}

// IsStopword reports whether a lower-case word is an English stopword.
func IsStopword(lower string) bool { return english.IsStopWord(lower) }
