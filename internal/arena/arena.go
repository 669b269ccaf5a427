package arena

import (
	"reflect"
	"strings"
)

// blockSize is the bytes of a block of strings, and the least number of
// values in a block of a Slab: big enough that a million values are a few
// thousand blocks, small enough that the last block's waste is nothing.
const blockSize = 64 << 10

// Strings copies strings into shared blocks. The zero value is ready to
// use. It is not safe for concurrent use.
type Strings struct {
	b strings.Builder
}

// Copy returns a copy of s in a block shared with other copies. Copies are
// also how a piece of a large string is kept without the rest of it.
func (a *Strings) Copy(s string) string {
	if s == "" {
		return ""
	}
	if a.b.Cap()-a.b.Len() < len(s) {
		// A string larger than a block gets one of its own, and the
		// block being filled is kept on: the next small string fits.
		if len(s) > blockSize/4 {
			return strings.Clone(s)
		}
		a.b = strings.Builder{}
		a.b.Grow(blockSize)
	}
	// The builder's String shares its buffer, and writing on only
	// appends to it: the bytes of earlier copies never change.
	start := a.b.Len()
	a.b.WriteString(s)
	return a.b.String()[start:]
}

// Slab hands out values of T from shared blocks. The zero value is ready
// to use. It is not safe for concurrent use.
type Slab[T any] struct {
	free []T
}

// Take returns n zero values, with no room to grow into the next ones.
func (s *Slab[T]) Take(n int) []T {
	if n > len(s.free) {
		if n > blockValues[T]()/4 {
			return make([]T, n)
		}
		s.free = make([]T, blockValues[T]())
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

// New returns a pointer to a zero value.
func (s *Slab[T]) New() *T { return &s.Take(1)[0] }

// blockValues is the number of values of a block of a Slab of T: about a
// block's bytes, and at least 64.
func blockValues[T any]() int {
	return max(64, blockSize/max(1, int(reflect.TypeFor[T]().Size())))
}
