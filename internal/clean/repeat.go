package clean

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stemma-news/stemma/internal/textproc"
)

// minRepeatWords is the shortest paragraph whose repetition is taken for a
// page fault. Shorter things repeat legitimately: a refrain in a quote, an
// interview's recurring question, a list item in a recipe.
const minRepeatWords = 12

// prose reports whether a paragraph is a full prose paragraph, the kind
// whose second copy is always repetition: long enough, ending like a
// statement (not a question, which interviews repeat on purpose, and not
// a list item ending in a bracket), and mostly words rather than numbers.
func prose(s string) bool {
	f := strings.Fields(s)
	// Scripts without spaces between words count by characters.
	if len(f) < minRepeatWords && !(len(f) <= 3 && utf8.RuneCountInString(s) >= 5*minRepeatWords) {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return r == '"' || r == '\'' || unicode.IsSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '。', '！':
	default:
		return false
	}
	digits := 0
	for _, w := range f {
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(c) {
			digits++
		}
	}
	return digits*5 < len(f)
}

// repeats remembers the paragraphs already kept, to recognise a later copy
// of one of them.
type repeats struct {
	exact     map[string]bool    // normalised paragraphs
	sentences map[string]bool    // normalised sentences
	byLen     map[int][]normText // kept prose paragraphs by length in runes
}

// normText is a prose paragraph's normalised text and its numbers, sorted.
type normText struct {
	runes []rune
	nums  []string
}

func newNormText(norm string) normText {
	return normText{[]rune(norm), numbers(strings.Fields(norm))}
}

func newRepeats() *repeats {
	return &repeats{exact: map[string]bool{}, sentences: map[string]bool{}, byLen: map[int][]normText{}}
}

// check reports whether s repeats what was kept before, and otherwise
// remembers it. A paragraph repeats when it is the same after
// normalisation, when every one of its several sentences was already seen
// (a repeated block whose paragraphs were joined or split differently), or
// when it is a few characters from a kept paragraph (a typo, a broken
// word) with the same numbers.
func (r *repeats) check(s string) bool {
	norm := textproc.Normalize(s)
	var sents []string
	for _, sent := range textproc.Sentences(s) {
		if n := textproc.Normalize(sent); n != "" {
			sents = append(sents, n)
		}
	}
	isProse := prose(s)
	if isProse && r.repeated(norm, sents) {
		return true
	}
	r.exact[norm] = true
	for _, n := range sents {
		r.sentences[n] = true
	}
	if isProse {
		t := newNormText(norm)
		r.byLen[len(t.runes)] = append(r.byLen[len(t.runes)], t)
	}
	return false
}

func (r *repeats) repeated(norm string, sents []string) bool {
	if norm == "" {
		return false
	}
	if r.exact[norm] {
		return true
	}
	// Only a paragraph of several sentences: one sentence printed again on
	// its own is a pull quote, which annotators count as article text.
	if len(sents) > 1 && !slices.ContainsFunc(sents, func(n string) bool { return !r.sentences[n] }) {
		return true
	}
	t := newNormText(norm)
	// A longer kept paragraph allows a few more edits than t does.
	limit := editLimit(len(t.runes)*101/100 + 2)
	for n := len(t.runes) - limit; n <= len(t.runes)+limit; n++ {
		for _, k := range r.byLen[n] {
			if nearSame(t, k) {
				return true
			}
		}
	}
	return false
}

// editLimit is how many character edits still make a copy of a normalised
// paragraph of n characters: one, and one more per hundred characters,
// enough for a typo or a broken word ("the wa r"), not for a reworded
// phrase ("with most reporting" for "as most reported").
func editLimit(n int) int { return 1 + n/100 }

// nearSame reports whether two normalised texts are a few edits apart and
// carry the same numbers: a typo, not a changed fact.
func nearSame(a, b normText) bool {
	limit := editLimit(max(len(a.runes), len(b.runes)))
	if d := len(a.runes) - len(b.runes); d > limit || -d > limit {
		return false
	}
	if !slices.Equal(a.nums, b.nums) {
		return false
	}
	return editDistance(a.runes, b.runes, limit) <= limit
}

func numbers(w []string) []string {
	var out []string
	for _, x := range w {
		if c, _ := utf8.DecodeRuneInString(x); unicode.IsDigit(c) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// editDistance is the Levenshtein distance of a and b, computed only
// within a band of width limit around the diagonal; anything beyond limit
// is reported as limit+1.
func editDistance[T comparable](a, b []T, limit int) int {
	inf := limit + 1
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		for j := range cur {
			cur[j] = inf
		}
		if i <= limit {
			cur[0] = i
		}
		best := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1, inf)
			cur[j] = v
			best = min(best, v)
		}
		if best >= inf {
			return inf
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], inf)
}
