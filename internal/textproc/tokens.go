package textproc

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/kljensen/snowball/english"
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
func Tokens(text string) []Token {
	var tk *Tokenizer
	return tk.Tokens(text)
}

// Tokenizer makes tokens like Tokens, remembering the stems it has made:
// stemming is most of the cost of tokenising, and news vocabulary repeats
// so much that a few tens of thousands of words cover most of any text. A
// Tokenizer is not safe for concurrent use; give each goroutine its own.
// A nil *Tokenizer tokenises without remembering.
type Tokenizer struct {
	cache stemCache
	// The words of the text being tokenised, and their lower case one
	// after another.
	toks  []Token
	words []pending
	buf   []byte
	sink  uint64 // of stemCache.touch, so that its reads are kept
}

// NewTokenizer returns a Tokenizer that remembers about words stems, where
// the zero Tokenizer remembers 256k in 8 MB: a tokeniser that sees every
// text of a firehose is worth more memory than one that sees a few.
func NewTokenizer(words int) *Tokenizer {
	size := minStemBuckets
	for size < maxStemBuckets && 2*size < words {
		size *= 2
	}
	return &Tokenizer{cache: stemCache{size: size}}
}

// Tokens is the package function Tokens, with stems remembered.
func (tk *Tokenizer) Tokens(text string) []Token {
	text = Fold(text)
	var out []Token
	if tk != nil {
		// Tokens are made in a slice of the Tokenizer's, and copied to one
		// of their number: the number is not known until the end, and a
		// guess is too large for most texts and too small for some.
		out, tk.words, tk.buf = tk.toks[:0], tk.words[:0], tk.buf[:0]
	} else {
		out = make([]Token, 0, len(text)/6+1)
	}
	it := words.FromString(text)
	for it.Next() {
		w := it.Value()
		r, _ := utf8.DecodeRuneInString(w)
		var kind Kind
		switch {
		case unicode.IsDigit(r):
			kind = Number
		case unicode.IsLetter(r):
			kind = Word
		default:
			continue
		}
		t := Token{Kind: kind, Cap: unicode.IsUpper(r)}
		switch {
		case kind == Number:
			t.Lower = strings.ToLower(w)
			t.Stem = strings.ReplaceAll(t.Lower, ",", "")
		case tk == nil:
			t.Lower = strings.TrimSuffix(strings.ToLower(w), "'s")
			t.Stem, t.Stop = stemOf(t.Lower)
		default:
			tk.lower(len(out), w) // its forms are found below
		}
		if kind == Word {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'S")
		}
		t.Text = w
		out = append(out, t)
	}
	if tk != nil {
		tk.stems(out)
		tk.toks = out
		out = slices.Clone(out)
	}
	return out
}

// pending is a word of a text whose lower case and stem are to be found.
type pending struct {
	tok     int    // its token
	w       string // the word as written
	lower   int    // where its lower case starts in Tokenizer.buf
	changed bool   // whether it is not already in lower case
	hash    uint64 // of its lower case
}

// lower notes the word w of token tok, lowered into tk.buf, with the hash
// it is looked up by.
func (tk *Tokenizer) lower(tok int, w string) {
	at := len(tk.buf)
	var changed bool
	tk.buf, changed = appendLower(tk.buf, w)
	if n := len(tk.buf); n-at >= 2 && tk.buf[n-2] == '\'' && tk.buf[n-1] == 's' {
		tk.buf = tk.buf[:n-2]
	}
	tk.words = append(tk.words, pending{tok: tok, w: w, lower: at, changed: changed, hash: stemHash(tk.buf[at:])})
}

// stems sets the lower case, stem and stopword flag of the words noted by
// lower, from the cache where it has them. The cache is first read at
// every word's place at once: those reads do not depend on each other,
// and in a loop of nothing else the processor overlaps their misses,
// where looking each word up in turn waits for one miss after another.
func (tk *Tokenizer) stems(out []Token) {
	tk.sink += tk.cache.touch(tk.words)
	for k, p := range tk.words {
		end := len(tk.buf)
		if k+1 < len(tk.words) {
			end = tk.words[k+1].lower
		}
		w := tk.buf[p.lower:end]
		f, ok := tk.cache.lookup(w, p.hash)
		if !ok {
			lower := string(w)
			stem, stop := stemOf(lower)
			f = tk.cache.add(lower, stem, stop, p.hash)
		}
		// A word already in lower case is given as it is in the text,
		// where it is read next to the words around it, rather than as
		// the cache holds it.
		if !p.changed {
			f.lower = p.w[:len(w)]
		}
		if f.prefix {
			f.stem = f.lower[:len(f.stem)]
		}
		t := &out[p.tok]
		t.Lower, t.Stem, t.Stop = f.lower, f.stem, f.stop
	}
}

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

// Stem returns the snowball English stem of a lower-case word.
func Stem(lower string) string {
	if len(lower) <= 2 {
		return lower
	}
	return english.Stem(lower, true)
}

// IsStopword reports whether a lower-case word is an English stopword.
func IsStopword(lower string) bool { return english.IsStopWord(lower) }
