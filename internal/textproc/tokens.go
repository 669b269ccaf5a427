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
	text = Fold(text)
	var out []Token
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
			t.Stop = english.IsStopWord(lower)
			t.Stem = Stem(lower)
		}
		out = append(out, t)
	}
	return out
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
