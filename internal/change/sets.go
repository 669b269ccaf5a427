package change

import (
	"hash/maphash"
	"math/bits"
)

// keySet is a set of content keys, made once and then only read: open
// addressing over a power of two of slots, 0 marking an empty one, at
// most three quarters full. A document's keys number some hundreds, and
// putting each in a table a few times their number costs a fraction of
// sorting them, as does looking one up of a binary search; the set holds
// no pointers.
type keySet struct {
	slots []uint64
	n     int   // keys held in slots
	shift uint8 // 64 less the bits of an index
	zero  bool  // holds key 0, which marks an empty slot
}

// newKeySet makes a set for about n keys.
func newKeySet(n int) keySet {
	// At most three quarters full, so that a probe finds an empty slot
	// soon: a key missing from the set is the case that counts.
	b := max(bits.Len(uint(n+n/3)), 4)
	return keySet{slots: make([]uint64, 1<<b), shift: uint8(64 - b)}
}

// slot is where a probe for k starts. Keys are hashes, but numbers and
// words differ in their top bit: a multiplication spreads every bit over
// the top ones, which index the table.
func (s *keySet) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> s.shift }

func (s *keySet) add(k uint64) {
	if k == 0 {
		s.zero = true
		return
	}
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	s.insert(k)
}

// insert adds k, not 0, to s, which has room for it.
func (s *keySet) insert(k uint64) {
	mask := uint64(len(s.slots) - 1)
	for i := s.slot(k); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return
		case 0:
			s.slots[i] = k
			s.n++
			return
		}
	}
}

// grow doubles the slots of s.
func (s *keySet) grow() {
	old := s.slots
	b := max(bits.Len(uint(len(old))), 4)
	s.slots, s.shift, s.n = make([]uint64, 1<<b), uint8(64-b), 0
	for _, k := range old {
		if k != 0 {
			s.insert(k)
		}
	}
}

func (s *keySet) has(k uint64) bool {
	if k == 0 {
		return s.zero
	}
	if len(s.slots) == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.slot(k); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

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
