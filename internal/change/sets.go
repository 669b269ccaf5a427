package change

import (
	"hash/maphash"
	"math/bits"
)

// stringSet is a set of strings, made once and then only read: open
// addressing over a power of two of slots, at most three quarters full.
// A slot holds the top half of its string's hash and the string's index
// in words plus one, 0 marking an empty slot: the table holds no
// pointers, for the collector to scan or to be told of at each store,
// and a probe compares strings only when their hashes agree in half
// their bits.
type stringSet struct {
	slots []uint64
	words []string // the strings held, in the order added
	empty bool     // holds "", which no slot does
}

// setSeed seeds the hashes of every stringSet; what a set holds does not
// depend on it.
var setSeed = maphash.MakeSeed()

// newStringSet makes a set for about n strings.
func newStringSet(n int) stringSet {
	b := max(bits.Len(uint(n+n/3)), 4)
	return stringSet{slots: make([]uint64, 1<<b), words: make([]string, 0, n)}
}

func (s *stringSet) add(w string) {
	if w == "" {
		s.empty = true
		return
	}
	if 4*(len(s.words)+1) > 3*len(s.slots) {
		s.grow()
	}
	h := maphash.String(setSeed, w)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == 0:
			s.words = append(s.words, w)
			s.slots[i] = h&^0xffffffff | uint64(len(s.words))
			return
		case (v^h)>>32 == 0 && s.words[uint32(v)-1] == w:
			return
		}
	}
}

// grow doubles the slots of s.
func (s *stringSet) grow() {
	s.slots = make([]uint64, 2*max(len(s.slots), 8))
	mask := uint64(len(s.slots) - 1)
	for k, w := range s.words {
		h := maphash.String(setSeed, w)
		i := h & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = h&^0xffffffff | uint64(k+1)
	}
}

func (s *stringSet) has(w string) bool {
	if w == "" {
		return s.empty
	}
	if len(s.slots) == 0 {
		return false
	}
	h := maphash.String(setSeed, w)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == 0:
			return false
		case (v^h)>>32 == 0 && s.words[uint32(v)-1] == w:
			return true
		}
	}
}
