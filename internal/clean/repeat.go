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
	exact     map[string]bool // normalised paragraphs
	sentences map[string]bool // normalised sentences
	kept      [][]string      // normalised words of kept prose paragraphs
}

func newRepeats() *repeats {
	return &repeats{exact: map[string]bool{}, sentences: map[string]bool{}}
}

// check reports whether s repeats what was kept before, and otherwise
// remembers it. A paragraph repeats when it is the same after
// normalisation, when every one of its several sentences was already seen
// (a repeated block whose paragraphs were joined or split differently), or
// when it is a few word edits from a kept paragraph (a dropped comma, a
// broken word) with the same numbers.
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
		r.kept = append(r.kept, strings.Fields(norm))
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
	w := strings.Fields(norm)
	for _, k := range r.kept {
		if nearSame(w, k) {
			return true
		}
	}
	return false
}

// nearSame reports whether two word sequences are a few edits apart and
// carry the same numbers: a typo or a dropped word, not a changed fact.
func nearSame(a, b []string) bool {
	limit := 1 + max(len(a), len(b))/15
	if d := len(a) - len(b); d > limit || -d > limit {
		return false
	}
	if !slices.Equal(numbers(a), numbers(b)) {
		return false
	}
	return editDistance(a, b, limit) <= limit
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

// editDistance is the word-level Levenshtein distance of a and b, computed
// only within a band of width limit around the diagonal; anything beyond
// limit is reported as limit+1.
func editDistance(a, b []string, limit int) int {
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
