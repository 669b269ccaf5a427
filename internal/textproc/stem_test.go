package textproc

import (
	"github.com/stemma-news/stemma/internal/cputime"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"

	"github.com/stemma-news/stemma/internal/texttest"
)

// stemCases are words that take each path of english.Stem: its special
// words, its quirks of apostrophes and y, the regions of "gener",
// "commun" and "arsen", and each suffix of each step, in and out of the
// regions.
var stemCases = []string{
	"", "a", "ab", "abc", "'", "''", "'''", "'s", "''s", "'ab", "ab'", "abc's", "abc's'", "o'neill",
	"skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly",
	"sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "innings", "outing",
	"outings", "canning", "cannings", "herring", "herrings", "earring", "earrings", "proceed",
	"proceeds", "proceeded", "proceeding", "exceed", "exceeds", "exceeded", "exceeding", "succeed",
	"succeeds", "succeeded", "succeeding",
	"yes", "youth", "boy", "boyish", "sayings", "yyy", "ayy", "cry", "by", "say", "enjoy", "fly",
	"generate", "generous", "general", "communism", "community", "arsenal", "arsenic",
	"caresses", "ponies", "ties", "tied", "cries", "gas", "this", "gaps", "kiwis", "us", "ss", "bus",
	"feed", "agreed", "feedly", "luxuriated", "hoped", "hopping", "hoping", "fizzed", "falling",
	"hissing", "filing", "failing", "troubled", "sized", "bled", "at", "plastered", "bled",
	"sing", "ingly", "edly", "happily", "heatedly", "hopefully", "controlling", "shed", "shred",
	"relational", "conditional", "rational", "valenci", "hesitanci", "digitizer", "conformabli",
	"radicalli", "differentli", "vileli", "analogousli", "vietnamization", "predication",
	"operator", "feudalism", "decisiveness", "hopefulness", "callousness", "formaliti",
	"sensitiviti", "sensibiliti", "fluentli", "hopefulli", "carelessli", "geologi", "analogi",
	"bli", "ogi", "li", "cli", "tli", "xli", "triplicate", "formative", "formalize", "electriciti",
	"electrical", "hopeful", "goodness", "demonstrative", "revival", "allowance", "inference",
	"airliner", "gyroscopic", "adjustable", "defensible", "irritant", "replacement", "adjustment",
	"dependent", "adoption", "adoptsion", "communion", "activate", "angulariti", "homologous",
	"effective", "bowdlerize", "ement", "ance", "ion", "tion", "sion", "probate", "rate", "cease",
	"controll", "roll", "fall", "e", "ee", "eee", "hope", "gene", "axe", "awe", "eye",
	"covid19", "a_b", "u.s", "e.g", "don't", "it's", "can't", "12abc", "x:y",
}

// english.Stem of every case and of every word of the news of testdata,
// and, if given, every word of the files of $STEMMA_STEM_WORDS.
func TestStemMatchesSnowball(t *testing.T) {
	words := map[string]bool{}
	for _, w := range stemCases {
		words[w] = true
	}
	add := func(text string) {
		for _, tok := range tokens(text) {
			words[tok.Lower] = true
		}
	}
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	add(string(b))
	for _, p := range strings.Fields(os.Getenv("STEMMA_STEM_WORDS")) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add(string(b))
	}
	// Words made of the pieces the steps look for, which no text has
	// all of.
	pieces := []string{"a", "e", "i", "o", "u", "y", "b", "c", "l", "s", "t", "n", "g", "d", "r", "z",
		"'", "at", "ed", "ing", "ly", "ies", "ss", "ation", "al", "iti", "ful", "ness", "ent", "ion",
		"li", "ogi", "er", "ive", "ll", "gener", "commun", "arsen", "eed", "bl", "iz", "w", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		words[texttest.Concat(r, pieces, 1+r.IntN(5))] = true
	}
	for w := range words {
		if got, want := Stem(w), snowballStem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
	t.Logf("%d words agree", len(words))
}

// snowballStem is Stem as it was: english.Stem, but for short words.
func snowballStem(w string) string {
	if len(w) <= 2 {
		return w
	}
	return english.Stem(w, true)
}

func FuzzStemMatchesSnowball(f *testing.F) {
	for _, w := range stemCases {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := Stem(w), snowballStem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	})
}

// BenchmarkStem stems each distinct word of the news of testdata, as a
// Tokenizer does at a word's first sighting, against english.Stem.
func BenchmarkStem(b *testing.B) {
	seen := map[string]bool{}
	var words []string
	for _, s := range newsSentences(b) {
		for _, tok := range tokens(s) {
			if tok.Kind == Word && !seen[tok.Lower] {
				seen[tok.Lower] = true
				words = append(words, tok.Lower)
			}
		}
	}
	for _, c := range []struct {
		name string
		stem func(string) string
	}{{"textproc", Stem}, {"snowball", snowballStem}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cputime.Start()
			for b.Loop() {
				for _, w := range words {
					c.stem(w)
				}
			}
			cpu.Report(b)
		})
	}
}
