package fingerprint

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/stemma-news/stemma/internal/textproc"
	"github.com/zeebo/xxh3"
)

// Term is one term of a Print with its weighted count in the document.
type Term struct {
	ID uint32
	TF float32
}

// Print is a document's terms, sorted by ID, each ID once.
type Print []Term

// Term weights: a name or a number says more about which event a text
// tells than a common word does; a title word says what the text is about.
const (
	nameWeight   = 2
	titleWeight  = 2
	bigramWeight = 1
)

// Builder accumulates the terms of one document at a time. Its zero value
// is ready to use; reusing one across documents saves its map. It is not
// safe for concurrent use.
type Builder struct {
	terms termSet
	buf   []byte
	keys  []uint64
	spare []uint64
}

// Title adds the terms of a title; tk may be nil.
func (b *Builder) Title(tk *textproc.Tokenizer, title string) {
	for _, s := range textproc.Sentences(title) {
		b.Sentence(tk.Tokens(s), titleWeight)
	}
}

// Sentence adds the content terms of one sentence's tokens, with weight w.
func (b *Builder) Sentence(toks []textproc.Token, w float32) {
	prev := ""
	for k := range toks {
		// tok.Content(), spelt out: a Token is seven words, and copying
		// each for the range and again for the call was a quarter of
		// Sentence's time in a profile.
		tok := &toks[k]
		if tok.Kind != textproc.Number && tok.Stop || len(tok.Stem) < 2 {
			continue
		}
		tw := w
		if tok.Cap && k > 0 || tok.Kind == textproc.Number {
			tw *= nameWeight
		}
		b.terms.add(uint32(xxh3.HashString(tok.Stem)), tw)
		if prev != "" {
			b.buf = append(append(append(b.buf[:0], prev...), ' '), tok.Stem...)
			b.terms.add(uint32(xxh3.Hash(b.buf)), w*bigramWeight)
		}
		prev = tok.Stem
	}
}

// Print returns the terms added since the last call, and starts afresh.
func (b *Builder) Print() Print {
	// Each term is packed into one word, its ID on top, and the words are
	// radix sorted: IDs are distinct, so the order is the order by ID.
	keys := b.terms.appendKeys(b.keys[:0])
	b.keys = keys
	b.spare = slices.Grow(b.spare[:0], len(keys))[:len(keys)]
	keys = radixSort(keys, b.spare)
	p := make(Print, len(keys))
	for i, k := range keys {
		p[i] = Term{uint32(k >> 32), math.Float32frombits(uint32(k))}
	}
	b.terms.clear()
	return p
}

// radixSort sorts keys by their top 32 bits, a byte at a time from the
// lowest, and returns whichever of keys and spare, of the same length,
// holds the result. Sorting a document's terms is a good part of making
// its print, and a comparison sort took several times as long.
func radixSort(keys, spare []uint64) []uint64 {
	if len(keys) < 64 {
		slices.Sort(keys)
		return keys
	}
	for shift := 32; shift < 64; shift += 8 {
		var at [256]int
		for _, k := range keys {
			at[byte(k>>shift)]++
		}
		sum := 0
		for d, c := range at {
			at[d] = sum
			sum += c
		}
		for _, k := range keys {
			d := byte(k >> shift)
			spare[at[d]] = k
			at[d]++
		}
		keys, spare = spare, keys
	}
	return keys
}

// termSet sums the weights of a document's terms. It is a small
// open-addressing hash table, in place of a map: a document adds a
// thousand terms or so, and the table, cleared cell by cell, is reused
// for the next.
type termSet struct {
	cells []termCell // a power of two of them
	shift uint8      // 64 minus the log2 of len(cells)
	used  []int32    // the cells in use, in the order first used
}

type termCell struct {
	id   uint32
	tf   float32
	full bool
}

// add adds w to the weight of term id.
func (s *termSet) add(id uint32, w float32) {
	if 2*(len(s.used)+1) > len(s.cells) {
		s.grow()
	}
	mask := len(s.cells) - 1
	i := int((uint64(id) * 0x9E3779B97F4A7C15) >> s.shift)
	for {
		c := &s.cells[i]
		if !c.full {
			*c = termCell{id, w, true}
			s.used = append(s.used, int32(i))
			return
		}
		if c.id == id {
			c.tf += w
			return
		}
		i = (i + 1) & mask
	}
}

// grow doubles the table, or makes it.
func (s *termSet) grow() {
	old, used := s.cells, s.used
	s.cells, s.used = make([]termCell, max(1024, 2*len(old))), make([]int32, 0, cap(used))
	s.shift = uint8(64 - bits.TrailingZeros(uint(len(s.cells))))
	for _, i := range used {
		c := old[i]
		s.add(c.id, c.tf)
	}
}

// appendKeys appends each term's id and weight, packed into one word.
func (s *termSet) appendKeys(keys []uint64) []uint64 {
	for _, i := range s.used {
		c := s.cells[i]
		keys = append(keys, uint64(c.id)<<32|uint64(math.Float32bits(c.tf)))
	}
	return keys
}

// clear empties the set.
func (s *termSet) clear() {
	for _, i := range s.used {
		s.cells[i] = termCell{}
	}
	s.used = s.used[:0]
}

// Has reports whether p holds term id.
func (p Print) Has(id uint32) bool {
	_, ok := slices.BinarySearchFunc(p, id, func(t Term, id uint32) int { return cmp.Compare(t.ID, id) })
	return ok
}
