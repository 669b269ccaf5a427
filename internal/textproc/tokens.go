package textproc

import (
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
	// Two generations: when the young one is full the old one is dropped
	// and the young one takes its place, so the words in use survive
	// (they are found in the old generation and copied back) and the long
	// tail of names and typos a firehose brings is let go.
	young, old map[string]stemEntry
}

type stemEntry struct {
	stem string
	stop bool
}

// stemCacheSize bounds each generation of a Tokenizer's memory.
const stemCacheSize = 1 << 16

// Tokens is the package function Tokens, with stems remembered.
func (tk *Tokenizer) Tokens(text string) []Token {
	text = Fold(text)
	out := make([]Token, 0, len(text)/6+1)
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
		lower := strings.ToLower(w)
		if kind == Word {
			lower = strings.TrimSuffix(lower, "'s")
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'S")
		}
		t := Token{Text: w, Lower: lower, Kind: kind, Cap: unicode.IsUpper(r)}
		if kind == Number {
			t.Stem = strings.ReplaceAll(lower, ",", "")
		} else {
			t.Stem, t.Stop = tk.stem(lower)
		}
		out = append(out, t)
	}
	return out
}

func (tk *Tokenizer) stem(lower string) (string, bool) {
	// Stopwords are two fifths of English text and few: a small table
	// answers them without touching the cache.
	if english.IsStopWord(lower) {
		return stopStems[lower], true
	}
	if tk == nil {
		return Stem(lower), english.IsStopWord(lower)
	}
	if e, ok := tk.young[lower]; ok {
		return e.stem, e.stop
	}
	e, ok := tk.old[lower]
	if !ok {
		e = stemEntry{Stem(lower), false}
	}
	if tk.young == nil || len(tk.young) >= stemCacheSize {
		tk.old, tk.young = tk.young, make(map[string]stemEntry, 4096)
	}
	tk.young[lower] = e
	return e.stem, e.stop
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
