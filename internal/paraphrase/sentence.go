package paraphrase

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

// Weights gives the informativeness of a stem, for instance an inverse
// document frequency computed over the collection being compared. A
// weight of 0 drops the stem. A nil Weights means the built-in default.
type Weights interface {
	Weight(stem string) float64
}

// Sentence is a sentence prepared once for many comparisons. The zero
// value is an empty sentence, similar to nothing.
type Sentence struct {
	Text  string
	items []item   // content keys, sorted by key, each key once
	seq   []uint64 // the same keys in text order, repeats kept
	total float32  // sum of the weights of items
}

// item is one content key of a sentence.
type item struct {
	key uint64
	w   float32
}

// numberBit keeps numbers and words apart: "2" the number never meets a
// word whose prefix hashes alike.
const numberBit = 1 << 63

// Key is one content key of a prepared sentence and its weight.
type Key struct {
	Key uint64
	W   float32
}

// AppendKeys appends the sentence's content keys, in key order, to dst.
// With them a caller comparing many sentences at once can find the
// overlaps of every pair through the keys they share (see Overlap).
func (s *Sentence) AppendKeys(dst []Key) []Key {
	for _, it := range s.items {
		dst = append(dst, Key{it.key, it.w})
	}
	return dst
}

// Len returns the number of distinct content keys: words after folding,
// names and numbers.
func (s *Sentence) Len() int { return len(s.items) }

// Prepare reduces text to its weighted content keys. It is safe for
// concurrent use when w is.
func Prepare(text string, w Weights) Sentence {
	return prepare(text, textproc.Tokens(text), w, &defaults)
}

// PrepareTokens is Prepare for a caller that already holds the sentence's
// tokens (textproc.Tokens(text)), so that they are not made twice.
func PrepareTokens(text string, toks []textproc.Token, w Weights) Sentence {
	return prepare(text, toks, w, &defaults)
}

func prepare(text string, toks []textproc.Token, w Weights, p *params) Sentence {
	s := Sentence{Text: text, items: make([]item, 0, len(toks)), seq: make([]uint64, 0, len(toks))}
	first := true // a capital at the start of a sentence says nothing
	for _, t := range toks {
		isFirst := first
		first = false
		lex := lookupLex(t.Lower)
		stem, kind, ok := canonical(t, lex)
		if !ok {
			if p.stop <= 0 || !t.Stop {
				continue
			}
			stem, kind, ok = t.Lower, textproc.Word, true
		}
		var key uint64
		var wt float64
		if kind == textproc.Number {
			key = xxh3.HashString(stem) | numberBit
			wt = p.number
		} else {
			key = xxh3.HashString(prefix(stem, p.prefix)) &^ numberBit
			switch {
			case t.Stop && stem == t.Lower:
				wt = p.stop
			case w != nil:
				wt = w.Weight(stem)
			case lex.weak || stem != t.Lower && lookupLex(stem).weak:
				wt = p.weak
			default:
				wt = 1
			}
			if isName(t, isFirst) {
				wt *= p.name
			}
		}
		if wt <= 0 {
			continue
		}
		s.items = append(s.items, item{key, float32(wt)})
		s.seq = append(s.seq, key)
	}
	slices.SortFunc(s.items, func(a, b item) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	// One key once, at its largest weight: repeating a word in one
	// sentence does not make it say more.
	out := s.items[:0]
	for _, it := range s.items {
		if n := len(out); n > 0 && out[n-1].key == it.key {
			out[n-1].w = max(out[n-1].w, it.w)
			continue
		}
		out = append(out, it)
	}
	s.items = slices.Clip(out)
	for _, it := range s.items {
		s.total += it.w
	}
	return s
}

// canonical returns the form of a token that paraphrases share, or false
// for a token that carries no content.
func canonical(t textproc.Token, lex lexEntry) (string, textproc.Kind, bool) {
	if t.Kind == textproc.Number {
		return canonicalNumber(t.Stem), textproc.Number, true
	}
	if lex.number != "" {
		return lex.number, textproc.Number, true
	}
	if lex.equiv != "" {
		return lex.equiv, textproc.Word, true
	}
	if t.Stop || strings.ContainsRune(t.Lower, '\'') || utf8.RuneCountInString(t.Lower) < 2 {
		return "", 0, false // stopwords, contractions ("don't"), stray letters
	}
	return t.Stem, textproc.Word, true
}

// isName reports a capitalised word that is not capitalised only for
// standing first, or an acronym.
func isName(t textproc.Token, first bool) bool {
	if !t.Cap {
		return false
	}
	if !first {
		return true
	}
	// "NASA" or "IBM" at the start of a sentence is still a name.
	for _, r := range t.Text {
		if unicode.IsLower(r) {
			return false
		}
	}
	return len(t.Text) > 1
}

// prefix cuts a stem to n runes, so that spelling variants and derived
// forms ("zelenskyy"/"zelenski", "defenc"/"defens") share a key. n <= 0
// keeps the whole stem.
func prefix(s string, n int) string {
	if n <= 0 {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
