package change

import (
	"hash/maphash"
	"math/bits"
)

// keySet is a set of content keys, made once and then only read: open
// addressing over a power of two of slots, 0 marking an empty one. A
// document's keys number some hundreds, and putting each in a table a
// few times their number costs a fraction of sorting them, as does
// looking one up of a binary search; the set holds no pointers.
type keySet struct {
	slots []uint64
	shift uint8 // 64 less the bits of an index
	zero  bool  // holds key 0, which marks an empty slot
}

// newKeySet makes a set of keys, of which n are given at most.
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
	mask := uint64(len(s.slots) - 1)
	for i := s.slot(k); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return
		case 0:
			s.slots[i] = k
			return
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
// addressing over a power of two of slots, "" marking an empty one, at
// most three quarters full.
type stringSet struct {
	slots []string
	n     int  // strings held in slots
	empty bool // holds "", which marks an empty slot
}

// setSeed seeds the hashes of every stringSet; what a set holds does not
// depend on it.
var setSeed = maphash.MakeSeed()

// newStringSet makes a set for about n strings.
func newStringSet(n int) stringSet {
	b := max(bits.Len(uint(n+n/3)), 4)
	return stringSet{slots: make([]string, 1<<b)}
}

func (s *stringSet) add(w string) {
	if w == "" {
		s.empty = true
		return
	}
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	s.insert(w)
}

// grow doubles the slots of s.
func (s *stringSet) grow() {
	old := s.slots
	s.slots, s.n = make([]string, 2*max(len(old), 8)), 0
	for _, w := range old {
		if w != "" {
			s.insert(w)
		}
	}
}

// insert adds w, not "", to s, which has room for it.
func (s *stringSet) insert(w string) {
	mask := uint64(len(s.slots) - 1)
	for i := maphash.String(setSeed, w) & mask; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == "":
			s.slots[i] = w
			s.n++
			return
		case v == w:
			return
		}
	}
}

func (s *stringSet) has(w string) bool {
	if w == "" {
		return s.empty
	}
	if len(s.slots) == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1)
	for i := maphash.String(setSeed, w) & mask; ; i = (i + 1) & mask {
		switch v := s.slots[i]; {
		case v == "":
			return false
		case v == w:
			return true
		}
	}
}
