package textproc

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestTokensEach checks that TokensEach gives each sentence the tokens
// Tokens does, in slices that cannot be appended over each other.
func TestTokensEach(t *testing.T) {
	sents := newsSentences(t)
	sents = append(sents, "", "  ", "Café “au lait” — naïve ﬁsh", "Trump's U.S. talks", "...")
	for _, tk := range []*Tokenizer{nil, NewTokenizer(1 << 10)} {
		// Documents of a few sentences, as align.NewTextWith gives them.
		for start := 0; start < len(sents); start += 7 {
			doc := sents[start:min(start+7, len(sents))]
			next := 0
			tk.TokensEach(doc, func(i int, toks []Token) {
				if i != next {
					t.Fatalf("sentence %d given as %d", next, i)
				}
				next++
				if want := Tokens(doc[i]); !reflect.DeepEqual(toks, want) && len(toks)+len(want) > 0 {
					t.Errorf("TokensEach(%q) = %v, want %v", doc[i], toks, want)
				}
				if tk != nil && cap(toks) != len(toks) {
					t.Errorf("TokensEach(%q): capacity %d beyond length %d", doc[i], cap(toks), len(toks))
				}
			})
			if next != len(doc) {
				t.Fatalf("%d sentences given of %d", next, len(doc))
			}
		}
	}
}

func TestIndexTerminator(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", " ", ".", "!", "?", "\u00e9", "\u201d", "\x80", "\xff", "\x00", "-", "/", ">", "@", "\x2d", "\x2f", "\x3e", "\x20"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := IndexTerminator(s), strings.IndexAny(s, ".!?"); got != want {
			t.Fatalf("IndexTerminator(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestMaxAbbreviation(t *testing.T) {
	for k := range abbreviations {
		if len(k) > maxAbbreviation {
			t.Errorf("abbreviation %q longer than maxAbbreviation", k)
		}
	}
}

// TestAbbreviationCase checks that abbreviations and initials are found
// in any case, as when the word was lowered with strings.ToLower.
func TestAbbreviationCase(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Mr", true}, {"MR", true}, {"the U.S", true}, {"APPROX", true}, {"Ph.D", true},
		{"(Gen", true}, {"x \u212a", true}, {"Dr\u00e9", false}, {"\u00c9TC", false},
		{"Stated", false}, {"A", true}, {"N.Y.C", true}, {"\u201cCorp", true}, {"", false},
		{"said", false}, {"I.B.Ms", false},
	} {
		if got := isAbbreviation(c.s); got != c.want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
