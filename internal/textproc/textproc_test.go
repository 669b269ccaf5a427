package textproc

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/texttest"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "One thing. Another thing! A third?", []string{"One thing.", "Another thing!", "A third?"}},
		{"titles do not end sentences", "Retired Lt. Gen. Keith Kellogg spoke. He left.", []string{"Retired Lt. Gen. Keith Kellogg spoke.", "He left."}},
		{"dotted acronym", "The U.S. State Department said so. Rubio agreed.", []string{"The U.S. State Department said so.", "Rubio agreed."}},
		{"initial", "John F. Kennedy was president. He died in 1963.", []string{"John F. Kennedy was president.", "He died in 1963."}},
		{"closing quote stays", "He said: \u201cIt is over.\u201d Then he left.", []string{"He said: \u201cIt is over.\u201d", "Then he left."}},
		{"lower case after period", "It cost 2.5 million. dollars were spent.", []string{"It cost 2.5 million. dollars were spent."}},
		{"decimal", "Shares rose 4.4% to A$4.56 on Monday.", []string{"Shares rose 4.4% to A$4.56 on Monday."}},
		{"empty", "   ", nil},
		{"no terminator", "A headline without a stop", []string{"A headline without a stop"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	toks := Tokens("Trump\u2019s envoy visited 1,000 towns.")
	var stems []string
	for _, tk := range toks {
		stems = append(stems, tk.Stem)
	}
	if want := []string{"trump", "envoy", "visit", "1000", "town"}; !slices.Equal(stems, want) {
		t.Errorf("stems = %q, want %q", stems, want)
	}
	if !toks[0].Cap || toks[1].Cap {
		t.Errorf("capitalisation flags wrong: %+v", toks[:2])
	}
	if toks[3].Kind != Number || !toks[3].Content() {
		t.Errorf("1,000 should be a content number: %+v", toks[3])
	}
	if the := Tokens("the"); len(the) != 1 || !the[0].Stop || the[0].Content() {
		t.Errorf("'the' should be a stopword: %+v", the)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ a, b string }{
		{"\u201cThe ball\u2019s in Russia\u2019s court.\u201d", "\"the ball's in russia's court\""},
		{"A\u00a0 B\n\nC \u2014 D", "a b c d"},
	}
	for _, tt := range tests {
		if Normalize(tt.a) != Normalize(tt.b) {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q; want equal", tt.a, Normalize(tt.a), tt.b, Normalize(tt.b))
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Mr. Smith went. He left!", "U.S. and U.K. officials met.", "\u201cQuote.\u201d Next", "...", "a. b. c."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sent := range Sentences(s) {
			if sent == "" {
				t.Fatalf("empty sentence from %q", s)
			}
		}
	})
}

func ExampleSentences() {
	for _, s := range Sentences("Retired Lt. Gen. Keith Kellogg will attend. Rubio will not.") {
		fmt.Println(s)
	}
	// Output:
	// Retired Lt. Gen. Keith Kellogg will attend.
	// Rubio will not.
}

// A Tokenizer must give what Tokens gives, whether a stem comes from its
// cache, from the stopword table or from the stemmer, as words come and
// go in a cache too small for them.
func TestTokenizerMatchesTokens(t *testing.T) {
	var words []string
	for i := range 20000 {
		words = append(words, fmt.Sprintf("running%d walked Houses the Ukraine's %d THE Straße's naïve O'Brien's", i%500, i),
			fmt.Sprintf("walker%d internationalisations-of-everything's", i))
	}
	tk := NewTokenizer(100)
	for i, w := range words {
		got := tk.Tokens(w)
		if want := Tokens(w); !slices.Equal(got, want) {
			t.Fatalf("text %d %q: Tokenizer gave %v, Tokens %v", i, w, got, want)
		}
		for _, tok := range got {
			if tok.Kind == Word && (tok.Stem != Stem(tok.Lower) || tok.Stop != IsStopword(tok.Lower)) {
				t.Fatalf("text %d: %+v, want stem %q stop %v", i, tok, Stem(tok.Lower), IsStopword(tok.Lower))
			}
		}
	}
	for _, w := range stopwords {
		if !IsStopword(w) {
			t.Errorf("%q is in the stopword table but not a stopword", w)
		}
	}
}

// sentencesByRune is Sentences as it was, reading one rune after another.
func sentencesByRune(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	start := 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' {
			i += size
			continue
		}
		end := i + size
		// runs of terminators and closing quotes or brackets belong to this sentence
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if r2 == '.' || r2 == '!' || r2 == '?' || isClosing(r2) {
				end += s2
				continue
			}
			break
		}
		if end >= len(text) {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(r2) {
			i = end
			continue
		}
		next := end
		for next < len(text) {
			r3, s3 := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(r3) {
				break
			}
			next += s3
		}
		if next >= len(text) {
			break
		}
		if r == '.' && isAbbreviation(text[start:i]) {
			i = end
			continue
		}
		if !startsSentence(text[next:]) {
			i = end
			continue
		}
		out = append(out, strings.TrimSpace(text[start:end]))
		start = next
		i = next
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// Sentences jumps from terminator to terminator; it must split as reading
// every rune did.
func TestSentencesJump(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"Lt. Gen. Smith", " said", ".", "!", "?", " ", "\n", "U.S.", "\"", "\u201d", "\u2019", "é", "\xff", "\xe2\x80", "Sen.", " The", " a", ")", "3.5", "...", "Mr. Jones", " Kyiv"}
	for range 20000 {
		s := texttest.Concat(r, pieces, r.IntN(30))
		if got, want := Sentences(s), sentencesByRune(s); !slices.Equal(got, want) {
			t.Fatalf("Sentences(%q) = %q, want %q", s, got, want)
		}
	}
}
