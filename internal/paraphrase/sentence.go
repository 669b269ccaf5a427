package paraphrase

import (
	"cmp"
	"slices"
	"strings"
	"sync"
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

// KeyAt returns the k-th content key in key order, 0 <= k < Len(): what
// AppendKeys appends, for a caller copying them into a form of its own.
func (s *Sentence) KeyAt(k int) Key { return Key{s.items[k].key, s.items[k].w} }

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
	s := Sentence{Text: text}
	s.items, s.seq = appendKeys(make([]item, 0, len(toks)), make([]uint64, 0, len(toks)), toks, w, p)
	s.items = slices.Clip(s.items[:unique(s.items)])
	s.sum()
	return s
}

// PrepareEach prepares dst[i] from the text and tokens that tokens(i)
// returns, as PrepareTokens would (tokens is called more than once for
// each i, and must give the same each time), for a caller preparing every sentence
// of a document: the sentences share two arrays of the exact length,
// where preparing each makes two of its own, sized for all its tokens,
// that a document cached for comparison keeps.
func PrepareEach(dst []Sentence, tokens func(i int) (string, []textproc.Token), w Weights) {
	prepareEach(dst, tokens, w, &defaults)
}

// eachScratch holds the keys of every sentence of a document while they
// are made, before they are copied to arrays of their final length.
type eachScratch struct {
	items []item
	seq   []uint64
	ends  []int32 // per sentence, the end of its items and of its seq
}

var eachPool = sync.Pool{New: func() any { return new(eachScratch) }}

func prepareEach(dst []Sentence, tokens func(i int) (string, []textproc.Token), w Weights, p *params) {
	sc := eachPool.Get().(*eachScratch)
	// The scratch is made at its size at once: the pool is emptied by
	// every collection, and growing it by appends cost several arrays.
	total := 0
	for i := range dst {
		_, toks := tokens(i)
		total += len(toks)
	}
	items, seq, ends := reserve(sc.items, total), reserve(sc.seq, total), reserve(sc.ends, 2*len(dst))
	for i := range dst {
		text, toks := tokens(i)
		dst[i] = Sentence{Text: text}
		start := len(items)
		items, seq = appendKeys(items, seq, toks, w, p)
		items = items[:start+unique(items[start:])]
		ends = append(ends, int32(len(items)), int32(len(seq)))
	}
	allItems := make([]item, len(items))
	copy(allItems, items)
	allSeq := make([]uint64, len(seq))
	copy(allSeq, seq)
	fromItem, fromSeq := 0, 0
	for i := range dst {
		toItem, toSeq := int(ends[2*i]), int(ends[2*i+1])
		// Capacities are cut so that an append to one sentence's keys
		// cannot write over the next one's.
		dst[i].items = allItems[fromItem:toItem:toItem]
		dst[i].seq = allSeq[fromSeq:toSeq:toSeq]
		dst[i].sum()
		fromItem, fromSeq = toItem, toSeq
	}
	sc.items, sc.seq, sc.ends = items, seq, ends
	eachPool.Put(sc)
}

// reserve returns s emptied, with room for n.
func reserve[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// sum sets s.total, adding the weights in key order: the order fixes the
// float32 rounding, which thresholds can tell apart.
func (s *Sentence) sum() {
	s.total = 0
	for _, it := range s.items {
		s.total += it.w
	}
}

// appendKeys appends the content keys of toks, unsorted, to items, and
// the same keys in text order to seq.
func appendKeys(items []item, seq []uint64, toks []textproc.Token, w Weights, p *params) ([]item, []uint64) {
	first := true // a capital at the start of a sentence says nothing
	for k := range toks {
		t := &toks[k] // a token is 56 bytes: copying each was a fifth of the cost
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
		items = append(items, item{key, float32(wt)})
		seq = append(seq, key)
	}
	return items, seq
}

// unique sorts items by key and keeps each key once, at its largest
// weight, at the front; it returns how many are kept. Repeating a word
// in one sentence does not make it say more.
func unique(items []item) int {
	sortItems(items)
	n := 0
	for _, it := range items {
		if n > 0 && items[n-1].key == it.key {
			items[n-1].w = max(items[n-1].w, it.w)
			continue
		}
		items[n] = it
		n++
	}
	return n
}

// sortItems sorts items by key. A sentence has a few tens of keys, which
// an insertion sort on the concrete type orders faster than the generic
// sort, which calls its comparison through a pointer. Items of one key
// may come in any order: unique keeps the largest weight of them.
func sortItems(items []item) {
	if len(items) > 48 {
		slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.key, b.key) })
		return
	}
	for i := 1; i < len(items); i++ {
		it := items[i]
		j := i
		for ; j > 0 && items[j-1].key > it.key; j-- {
			items[j] = items[j-1]
		}
		items[j] = it
	}
}

// canonical returns the form of a token that paraphrases share, or false
// for a token that carries no content.
func canonical(t *textproc.Token, lex lexEntry) (string, textproc.Kind, bool) {
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
func isName(t *textproc.Token, first bool) bool {
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
