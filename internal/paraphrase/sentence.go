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
	// indexed is set by PrepareIndex, which leaves seq out: Probability
	// refuses the sentence rather than read a seq that is not there.
	indexed bool
}

// item is one content key of a sentence: a Key, so that a sentence's
// keys can be lent out as they are.
type item = Key

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
	return append(dst, s.items...)
}

// Keys returns the content keys in key order, each once: what AppendKeys
// appends, without a copy. They are the sentence's own; the caller must
// not change them.
func (s *Sentence) Keys() []Key { return s.items }

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
	s.items, s.seq = appendKeys(make([]item, 0, len(toks)), make([]uint64, 0, len(toks)), toks, w, p, true)
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
	prepareEach(dst, tokens, w, &defaults, nil)
}

// Posting is a sentence of a document holding a content key, and the
// key's weight there.
type Posting struct {
	Sent int32 // the sentence's index
	W    float32
}

// Index is the inverted form of a document's sentences: Keys are the
// distinct content keys of all of them, ascending, and key Keys[k] is in
// the sentences Postings[Offs[k]:Offs[k+1]], in sentence order, once for
// each.
type Index struct {
	Keys     []uint64
	Offs     []int32
	Postings []Posting
}

// PrepareIndex is PrepareEach that also makes the document's Index. The
// one sort of the document's keys that orders each sentence's keys gives
// it, where sorting each sentence's keys and then all of them again cost
// twice. The sentences it prepares lack the keys in text order that
// Probability reads, which a caller wanting an index does not ask for:
// they cost a copy of every key of the document, kept with it.
func PrepareIndex(dst []Sentence, tokens func(i int) (string, []textproc.Token), w Weights) Index {
	var ix Index
	prepareEach(dst, tokens, w, &defaults, &ix)
	return ix
}

// occurrence is a content key of one sentence of a document, and its
// weight there.
type occurrence struct {
	Key  uint64
	Sent int32 // the sentence's index
	W    float32
}

// eachScratch holds the keys of every sentence of a document while they
// are made and sorted, before they are copied to arrays of their final
// length.
type eachScratch struct {
	items  []item
	seq    []uint64
	ends   []int32 // per sentence, the end of its items and of its seq
	sorted []occurrence
	count  []int32
	per    []int32 // per sentence, where its keys start, then end
}

var eachPool = sync.Pool{New: func() any { return new(eachScratch) }}

// prepareEach is PrepareEach, and PrepareIndex when ix is not nil.
func prepareEach(dst []Sentence, tokens func(i int) (string, []textproc.Token), w Weights, p *params, ix *Index) {
	sc := eachPool.Get().(*eachScratch)
	defer eachPool.Put(sc)
	index := ix != nil
	withSeq := !index
	// The scratch is made at its size at once: the pool is emptied by
	// every collection, and growing it by appends cost several arrays.
	total := 0
	for i := range dst {
		_, toks := tokens(i)
		total += len(toks)
	}
	items, seq, ends := reserve(sc.items, total), sc.seq[:0], reserve(sc.ends, 2*len(dst))
	if withSeq {
		seq = reserve(seq, total)
	}
	for i := range dst {
		text, toks := tokens(i)
		dst[i] = Sentence{Text: text}
		items, seq = appendKeys(items, seq, toks, w, p, withSeq)
		ends = append(ends, int32(len(items)), int32(len(seq)))
	}
	sc.items, sc.seq, sc.ends = items, seq, ends

	// The keys of all the sentences are sorted at once, by a counting
	// sort on their top bits and an insertion sort after it: keys are
	// hashes, spread evenly, so few share a bucket and the insertion sort
	// has little to do. Both are stable, so that the keys of one value
	// stay in sentence order, and a sentence's repeats of a key next to
	// each other.
	n := len(items)
	bits := 4
	for bits < 16 && 1<<bits < n {
		bits++
	}
	shift := 64 - bits
	count := reserve(sc.count, 1<<bits+1)[:1<<bits+1]
	clear(count)
	for _, it := range items {
		count[it.Key>>shift+1]++
	}
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	sorted := reserve(sc.sorted, n)[:n]
	from := 0
	for i := range dst {
		to := int(ends[2*i])
		for _, it := range items[from:to] {
			b := it.Key >> shift
			sorted[count[b]] = occurrence{it.Key, int32(i), it.W}
			count[b]++
		}
		from = to
	}
	for i := 1; i < len(sorted); i++ {
		if o := sorted[i]; o.Key < sorted[i-1].Key {
			j := i
			for ; j > 0 && sorted[j-1].Key > o.Key; j-- {
				sorted[j] = sorted[j-1]
			}
			sorted[j] = o
		}
	}
	sc.count, sc.sorted = count, sorted

	// A sentence's repeats of a key are kept once, at their largest
	// weight, as unique does. A first pass counts the keys, the keys of
	// each sentence in per, and the sentences of the keys, so that the
	// second makes every array at its length and writes it in place.
	per := reserve(sc.per, len(dst)+1)[:len(dst)+1]
	clear(per)
	sc.per = per
	keys, pairs := 0, 0
	for k := range sorted {
		o := &sorted[k]
		if k > 0 && o.Key == sorted[k-1].Key {
			if o.Sent == sorted[k-1].Sent {
				continue
			}
		} else {
			keys++
		}
		pairs++
		per[o.Sent+1]++
	}
	for i := 1; i < len(per); i++ {
		per[i] += per[i-1]
	}
	allItems := make([]item, pairs)
	if index {
		ix.Keys = make([]uint64, 0, keys)
		ix.Offs = make([]int32, 0, keys+1)
		ix.Postings = make([]Posting, 0, pairs)
	}
	at := 0 // where the last key placed is in allItems
	for k := range sorted {
		o := &sorted[k]
		if k > 0 && o.Key == sorted[k-1].Key {
			if o.Sent == sorted[k-1].Sent {
				w := max(allItems[at].W, o.W)
				allItems[at].W = w
				if index {
					ix.Postings[len(ix.Postings)-1].W = w
				}
				continue
			}
		} else if index {
			ix.Keys = append(ix.Keys, o.Key)
			ix.Offs = append(ix.Offs, int32(len(ix.Postings)))
		}
		at = int(per[o.Sent])
		per[o.Sent]++
		allItems[at] = item{o.Key, o.W}
		if index {
			ix.Postings = append(ix.Postings, Posting{o.Sent, o.W})
		}
	}
	if index {
		ix.Offs = append(ix.Offs, int32(len(ix.Postings)))
	}
	// per[i] is now the end of sentence i's keys.
	var allSeq []uint64
	if withSeq {
		allSeq = make([]uint64, len(seq))
		copy(allSeq, seq)
	}
	fromItem, fromSeq := 0, 0
	for i := range dst {
		toItem, toSeq := int(per[i]), int(ends[2*i+1])
		// Capacities are cut so that an append to one sentence's keys
		// cannot write over the next one's.
		dst[i].items = allItems[fromItem:toItem:toItem]
		if withSeq {
			dst[i].seq = allSeq[fromSeq:toSeq:toSeq]
		} else {
			dst[i].indexed = true
		}
		dst[i].sum()
		fromItem, fromSeq = toItem, toSeq
	}
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
		s.total += it.W
	}
}

// appendKeys appends the content keys of toks, unsorted, to items, and,
// when withSeq is set, the same keys in text order to seq.
func appendKeys(items []item, seq []uint64, toks []textproc.Token, w Weights, p *params, withSeq bool) ([]item, []uint64) {
	first := true // a capital at the start of a sentence says nothing
	for k := range toks {
		t := &toks[k] // a token is 56 bytes: copying each was a fifth of the cost
		isFirst := first
		first = false
		// lookupLex, with the filter's test written out: most words
		// fail it, and then cost no call.
		lex := &noLex
		if w := t.Lower; w != "" {
			if h := lexFilterHash(w); lexFilter[h/64]&(1<<(h%64)) != 0 {
				lex = lexChain(w, h)
			}
		}
		// A stopword the lexicon does not hold is what canonical turns
		// away first; it is two words in five, and is told without the
		// call.
		var stem string
		var kind textproc.Kind
		ok, stop := false, false
		if !t.Stop || t.Kind == textproc.Number || lex != &noLex {
			stem, kind, ok = canonical(t, lex)
		}
		if !ok {
			if p.stop <= 0 || !t.Stop {
				continue
			}
			stem, kind, stop = t.Lower, textproc.Word, true
		}
		var key uint64
		var wt float64
		if kind == textproc.Number {
			key = xxh3.HashString(stem) | numberBit
			wt = p.number
		} else {
			key = xxh3.HashString(prefix(stem, p.prefix)) &^ numberBit
			switch {
			case stop || t.Stop && stem == t.Lower: // stop: stem is t.Lower, with no comparison
				wt = p.stop
			case w != nil:
				wt = w.Weight(stem)
			case lex.weak || stem != t.Lower && isWeak(stem):
				wt = p.weak
			default:
				wt = 1
			}
			if t.Cap && isName(t, isFirst) { // most words are not capitalised: no call
				wt *= p.name
			}
		}
		if wt <= 0 {
			continue
		}
		items = append(items, item{key, float32(wt)})
		if withSeq {
			seq = append(seq, key)
		}
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
		if n > 0 && items[n-1].Key == it.Key {
			items[n-1].W = max(items[n-1].W, it.W)
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
		slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.Key, b.Key) })
		return
	}
	for i := 1; i < len(items); i++ {
		it := items[i]
		j := i
		for ; j > 0 && items[j-1].Key > it.Key; j-- {
			items[j] = items[j-1]
		}
		items[j] = it
	}
}

// canonical returns the form of a token that paraphrases share, or false
// for a token that carries no content.
func canonical(t *textproc.Token, lex *lexEntry) (string, textproc.Kind, bool) {
	if t.Kind == textproc.Number {
		return canonicalNumber(t.Stem), textproc.Number, true
	}
	if lex.number != "" {
		return lex.number, textproc.Number, true
	}
	if lex.equiv != "" {
		return lex.equiv, textproc.Word, true
	}
	if t.Stop || strings.IndexByte(t.Lower, '\'') >= 0 || oneRune(t.Lower) {
		return "", 0, false // stopwords, contractions ("don't"), stray letters
	}
	return t.Stem, textproc.Word, true
}

// oneRune reports whether s has fewer than two runes, as
// utf8.RuneCountInString(s) < 2 does, without counting a whole word.
func oneRune(s string) bool {
	if len(s) > utf8.UTFMax {
		return false
	}
	_, n := utf8.DecodeRuneInString(s)
	return n >= len(s)
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
	// n runes take at least n bytes; and when the first n bytes are
	// ASCII they are the first n runes. Most stems are ASCII.
	if n <= 0 || len(s) <= n {
		return s
	}
	ascii := true
	for k := range n {
		if s[k] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s[:n]
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
