package index

// printStore holds the stored print of every document, in chunks of many
// prints each. A slice per document was a million objects at a million
// documents, which the collector marked at every collection, each with
// room for Keep terms after prune had cut it. Here a document's print is
// a place in a chunk; neither the chunks nor the places hold a pointer.
type printStore struct {
	chunks [][]term
	refs   []printRef // by document
	used   int        // terms taken of the last chunk
}

// printRef is where a document's print is: n terms from off of a chunk.
type printRef struct {
	chunk, off, n uint32
}

// printChunk is the terms of a chunk, unless one print needs more.
const printChunk = 1 << 16

func (s *printStore) len() int { return len(s.refs) }

// held returns the terms of all chunks, cut or not.
func (s *printStore) held() int {
	n := 0
	for _, c := range s.chunks {
		n += len(c)
	}
	return n
}

// at returns the print of doc, with no room to grow into the next.
func (s *printStore) at(doc int) []term {
	r := s.refs[doc]
	return s.chunks[r.chunk][r.off : r.off+r.n : r.off+r.n]
}

// add makes room for the print of the next document, of n terms, and
// returns it to be filled.
func (s *printStore) add(n int) []term {
	c := len(s.chunks) - 1
	if c < 0 || s.used+n > len(s.chunks[c]) {
		s.chunks = append(s.chunks, make([]term, max(printChunk, n)))
		c++
		s.used = 0
	}
	off := s.used
	s.used += n
	s.refs = append(s.refs, printRef{uint32(c), uint32(off), uint32(n)})
	return s.chunks[c][off : off+n : off+n]
}

// cut keeps the first n terms of the print of doc. The room of the rest
// is not reused until compact.
func (s *printStore) cut(doc, n int) { s.refs[doc].n = uint32(n) }

// compact moves every print down over the room cut prints left, in
// document order, and lets the chunks no longer needed go. Prints lie in
// document order, so a print only ever moves to a lower place: where the
// last one moved ended, or, if it does not fit there, the start of a
// later chunk that is not after its own, and holds only prints already
// moved. Slices of prints taken before no longer read them.
func (s *printStore) compact() {
	c, used := 0, 0
	for doc, r := range s.refs {
		n := int(r.n)
		for used+n > len(s.chunks[c]) {
			c++ // never past r.chunk, where it fits
			used = 0
		}
		copy(s.chunks[c][used:used+n], s.chunks[r.chunk][r.off:r.off+r.n])
		s.refs[doc] = printRef{uint32(c), uint32(used), r.n}
		used += n
	}
	if len(s.refs) == 0 {
		c = -1
	}
	clear(s.chunks[c+1:])
	s.chunks = s.chunks[:c+1]
	s.used = used
}
