package index

import "math/bits"

// postings holds every term's posting list in a few large arrays, one
// per size of list, and a term's slot refers to its list by number. With
// a Go slice in each slot, the slot table of a million articles, some
// fifteen million terms, was 600 MB that the garbage collector scanned
// at every cycle for the pointers in it; now it holds none.
//
// A list grows by moving to a block of the next size, twice as large.
// The block it leaves is free for another list, but not at once: a Probe
// taken earlier may still be reading it in another goroutine. It waits
// in limbo until the probes of every document up to the one being added
// when it was freed are released (Index.Release).
type postings struct {
	classes [maxClasses]postClass
	// probed is the last document a Probe was taken of, and released the
	// last whose probes, and those of every document before it, are
	// done; both -1 for none.
	probed, released int32
}

func newPostings() postings { return postings{probed: -1, released: -1} }

// postRef names a block: its class plus one in the top four bits, its
// number in the class below them; 0 is no block.
type postRef uint32

const (
	// maxClasses bounds the block sizes: 1, 2, 4 … 2^(maxClasses-1)
	// entries.
	maxClasses   = 15
	maxPostings  = 1 << (maxClasses - 1)
	classShift   = 28
	postingChunk = 1 << 16 // entries in one chunk of a class
)

// postClass is the blocks of one size.
type postClass struct {
	chunks []*[postingChunk]entry // arrays, as slotTable's
	blocks uint32                 // handed out from chunks so far
	free   []uint32               // blocks to reuse
	limbo  []freed                // blocks freed, in the order they were
	head   int                    // the first of limbo still waiting
}

type freed struct {
	block uint32
	at    int32 // the document being added when it was freed
}

// classOf returns the class of the smallest block that holds n entries.
func classOf(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}

func (r postRef) class() int    { return int(r>>classShift) - 1 }
func (r postRef) block() uint32 { return uint32(r) & (1<<classShift - 1) }

// slice returns the first n entries of r's block. Its capacity is n, so
// that appending to it cannot write into the block.
func (p *postings) slice(r postRef, n int) []entry {
	if r == 0 {
		return nil
	}
	c := r.class()
	off := uint(r.block()) << c
	chunk := p.classes[c].chunks[off/postingChunk]
	off %= postingChunk
	return chunk[off : off+uint(n) : off+uint(n)]
}

// touch reads the last of the n entries in r, and returns nothing of
// use; see termTable.touch. The entry add writes next is most often in
// the same cache line.
func (p *postings) touch(r postRef, n int) uint64 {
	c := r.class()
	off := uint(r.block())<<c + uint(n) - 1
	return uint64(p.classes[c].chunks[off/postingChunk][off%postingChunk].doc)
}

// add appends e to the list of n entries in r, and returns the list's
// block, r or another. at is the document being added.
func (p *postings) add(r postRef, n int, e entry, at int32) postRef {
	if r != 0 && n < 1<<r.class() {
		c := r.class()
		off := uint(r.block())<<c + uint(n)
		p.classes[c].chunks[off/postingChunk][off%postingChunk] = e
		return r
	}
	next := p.alloc(classOf(n + 1))
	dst := p.slice(next, n+1)
	if src := p.slice(r, n); n <= 8 {
		// Most lists that move are short: a loop copies them in less
		// than a call of copy takes.
		for i, e := range src {
			dst[i] = e
		}
	} else {
		copy(dst, src)
	}
	dst[n] = e
	p.release(r, at)
	return next
}

// alloc returns a free block of class c.
func (p *postings) alloc(c int) postRef {
	pc := &p.classes[c]
	for pc.head < len(pc.limbo) && pc.limbo[pc.head].at <= p.released {
		pc.free = append(pc.free, pc.limbo[pc.head].block)
		pc.head++
	}
	if pc.head == len(pc.limbo) {
		pc.limbo, pc.head = pc.limbo[:0], 0
	} else if pc.head > len(pc.limbo)/2 {
		n := copy(pc.limbo, pc.limbo[pc.head:])
		pc.limbo, pc.head = pc.limbo[:n], 0
	}
	var b uint32
	if n := len(pc.free); n > 0 {
		b, pc.free = pc.free[n-1], pc.free[:n-1]
	} else {
		b = pc.blocks
		pc.blocks++
		if (uint(b)<<c)%postingChunk == 0 {
			pc.chunks = append(pc.chunks, new([postingChunk]entry))
		}
	}
	return postRef(uint32(c+1)<<classShift | b)
}

// release frees r's block, once the probes that may read it are done.
func (p *postings) release(r postRef, at int32) {
	if r == 0 {
		return
	}
	pc := &p.classes[r.class()]
	if p.released >= p.probed {
		// No probe is out: an index that is only queried in place, or
		// restored, frees at once.
		pc.free = append(pc.free, r.block())
		return
	}
	pc.limbo = append(pc.limbo, freed{r.block(), at})
}
