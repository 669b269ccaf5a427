package index

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/stemma-news/stemma/internal/fingerprint"
)

// Options bound an Index. The zero value means the defaults.
type Options struct {
	// PostingCap is the number of documents past which a term is no longer
	// posted or read.
	PostingCap int
	// Budget is the number of terms stored across all documents before
	// each keeps only its Keep most distinctive ones.
	Budget int
	// Keep is the number of terms a document keeps once Budget is passed.
	Keep int
	// MaxTerms bounds the distinct terms the index counts. Past it, terms
	// seen in one document only, Horizon documents ago or more, are
	// forgotten: they link nothing, and a firehose brings an endless tail
	// of them (names, typos, numbers). Should one come back, it counts
	// from one again.
	MaxTerms int
	Horizon  int
}

// Defaults: the budget holds about 20,000 news articles in full (some
// 400 terms each) in 64 MB; Keep holds a million in about 500 MB; the
// term table about 200 MB.
const (
	DefaultPostingCap = 250
	DefaultBudget     = 1 << 23
	DefaultKeep       = 64
	DefaultMaxTerms   = 1 << 22
	DefaultHorizon    = 20000
)

// Candidate is an earlier document and its cosine with the queried one.
type Candidate struct {
	Doc    int
	Cosine float64
}

// entry is one posting: a document and its weighted count of the term.
type entry struct {
	doc int32
	tf  float32
}

// slot is what the index knows of one term. Documents refer to terms by
// slot, so that reading a term's frequency is an array access, not a
// hash lookup: the index reads frequencies millions of times a second.
// It is 16 bytes, so that no slot straddles two cache lines; the term's
// id is not in it, as nothing looks a slot's id up.
type slot struct {
	first int32   // the first document the term was seen in
	df    uint32  // the documents it is in
	posts postRef // 0 once df passes the cap
	n     uint16  // the postings in posts
}

// term is one term of a stored document, with its count as tfWeight
// damps it: every use of a count is through tfWeight, so it is taken once.
type term struct {
	slot int32
	w    float32
}

// Index is an inverted index of fingerprints. It is not safe for
// concurrent use, except as Freeze says.
type Index struct {
	opt       Options
	ids       termTable // term id to slot
	slots     slotTable
	free      []int32 // slots of forgotten terms, for reuse
	posts     postings
	pruneAt   int
	forgotten int
	prints    printStore // by document, sorted by slot
	// last is every term of the document added last, which Query reads
	// even when the document keeps only some.
	last []term
	// norms are the norms Query divides by, of each document's full print
	// when added: the collection size they were computed at is in normAt,
	// or fixedNorm when the document's print has since been cut and its
	// full norm cannot be computed again.
	norms     []float32
	normAt    []int32
	final     []float32 // exact norms of the stored prints, by Freeze
	finalIDF  []float64 // by document frequency, by Freeze
	frozenAt  int
	stored    int
	truncated bool

	searcher Searcher // Query's
	probe    []probeTerm
	idfs     idfMemo  // of the collection size of the moment
	sink     uint64   // of termTable.touch, so that its loads are kept
	keys     []uint64 // sortBySlot's
	scratch  []term   // Add's, once prints are cut
	top      []term   // normTop's
	spare    []uint64
	ranks    []uint64 // normTop's, by term
	sel      []uint64 // and selectKth's
	todo     []uint32 // normTop's frequencies to take the IDF of
}

// score is a document's score in a query, and the query that last
// touched it: one array of both, so that a posting costs one cache miss.
type score struct {
	mark uint32
	acc  float32
}

// New returns an empty index.
func New(opt Options) *Index {
	if opt.PostingCap <= 0 {
		opt.PostingCap = DefaultPostingCap
	}
	if opt.Budget <= 0 {
		opt.Budget = DefaultBudget
	}
	if opt.Keep <= 0 {
		opt.Keep = DefaultKeep
	}
	if opt.MaxTerms <= 0 {
		opt.MaxTerms = DefaultMaxTerms
	}
	if opt.Horizon <= 0 {
		opt.Horizon = DefaultHorizon
	}
	opt.PostingCap = min(opt.PostingCap, maxPostings-1)
	return &Index{opt: opt, ids: newTermTable(1 << 16), pruneAt: opt.MaxTerms, posts: newPostings()}
}

// Len returns the number of documents added.
func (x *Index) Len() int { return x.prints.len() }

// Truncated reports whether the budget has been passed, so that documents
// now keep only their most distinctive terms.
func (x *Index) Truncated() bool { return x.truncated }

// Terms returns the number of distinct terms counted, and the number
// forgotten so far.
func (x *Index) Terms() (counted, forgotten int) { return x.ids.len(), x.forgotten }

// Add adds a document's print and returns its number: 0 for the first,
// then counting up.
func (x *Index) Add(p fingerprint.Print) int {
	doc := x.prints.len()
	var ts []term
	if x.truncated {
		// Only the Keep terms top picks are stored, in a place of their
		// own: the whole print is needed until the next Add, as last.
		x.scratch = slices.Grow(x.scratch[:0], len(p))[:len(p)]
		ts = x.scratch
	} else {
		ts = x.prints.add(len(p))
	}
	// Every term is looked up before any is counted: lookups of one
	// document's terms do not depend on each other, and in a loop of
	// nothing else the processor overlaps their cache misses, where
	// looking up, adding and counting each term in turn waits for one
	// miss after another.
	x.sink += x.ids.touch(p)
	for i, t := range p {
		s, ok := x.ids.get(t.ID)
		if !ok {
			s = -1
		}
		w, ok := smallTFWeight(t.TF)
		if !ok {
			w = dampTF(t.TF)
		}
		ts[i] = term{s, w}
	}
	for i := range ts {
		if ts[i].slot < 0 {
			ts[i].slot = x.newSlot(p[i].ID, doc)
		}
	}
	x.sink += x.slots.touch(ts) // likewise
	for _, t := range ts {
		*x.slots.df(t.slot)++
	}
	x.last = ts
	// A norm is computed when first needed, from the stored print; once
	// prints are cut, it must be computed now, from the full one.
	var norm float32
	var at int32
	if x.truncated {
		full := len(ts)
		nm, top := x.normTop(ts, doc+1)
		norm, at = float32(nm), fixedNorm
		ts = x.prints.add(len(top))
		copy(ts, top)
		if full <= x.opt.Keep {
			x.last = ts // kept whole, and sorted, as last too
		}
	}
	x.sortBySlot(ts)
	x.post(doc, ts)
	x.norms = append(x.norms, norm)
	x.normAt = append(x.normAt, at)
	x.stored += len(ts)
	if !x.truncated && x.stored > x.opt.Budget {
		x.truncate()
	}
	if x.ids.len() > x.pruneAt {
		x.prune()
	}
	return doc
}

func (x *Index) newSlot(id uint32, doc int) int32 {
	var s int32
	if n := len(x.free); n > 0 {
		s, x.free = x.free[n-1], x.free[:n-1]
		*x.slots.at(s) = slot{first: int32(doc)}
	} else {
		s = x.slots.add(slot{first: int32(doc)})
	}
	x.ids.put(id, s)
	return s
}

// post adds doc to the postings of its terms, or drops a term's postings
// for good once it passes the cap.
func (x *Index) post(doc int, ts []term) {
	// As in Add: the lists' ends are read first, all at once, so that
	// their cache misses overlap.
	var sink uint64
	for _, t := range ts {
		if sl := x.slots.at(t.slot); sl.posts != 0 {
			sink += x.posts.touch(sl.posts, int(sl.n))
		}
	}
	x.sink += sink
	for _, t := range ts {
		sl := x.slots.at(t.slot)
		if sl.df > uint32(x.opt.PostingCap) {
			x.posts.release(sl.posts, int32(doc))
			sl.posts, sl.n = 0, 0
			continue
		}
		sl.posts = x.posts.add(sl.posts, int(sl.n), entry{int32(doc), t.w}, int32(doc))
		sl.n++
	}
}

// truncate cuts every stored print to its most distinctive terms and
// rebuilds the postings from what is left.
func (x *Index) truncate() {
	x.truncated = true
	x.stored = 0
	// No probe is taken before the budget is passed: every block can go.
	x.posts = newPostings()
	for s := range x.slots.len() {
		sl := x.slots.at(int32(s))
		sl.posts, sl.n = 0, 0
	}
	old := x.prints
	n := old.len()
	x.prints = printStore{refs: make([]printRef, 0, n)}
	for doc := range n {
		nm, top := x.normTop(old.at(doc), n)
		x.norms[doc], x.normAt[doc] = float32(nm), fixedNorm
		ts := x.prints.add(len(top))
		copy(ts, top)
		x.sortBySlot(ts)
		x.stored += len(ts)
		x.post(doc, ts)
	}
	// The last print, until now last itself, is still last if kept whole.
	if len(x.last) <= x.opt.Keep {
		x.last = x.prints.at(n - 1)
	}
}

// normTop returns the norm of ts in a collection of n, as normOfTerms
// computes it, and ts's Keep terms of highest TF-IDF weight, in a slice
// the next call reuses, or ts itself if it has no more. Both need the IDF
// of every term, so they share one pass rather than each looking it up in
// the memo, which is not free. Weights tie often (two names seen once
// each); the lower slot wins, so that the terms kept are one set whatever
// the order of ts.
func (x *Index) normTop(ts []term, n int) (float64, []term) {
	if len(ts) <= x.opt.Keep {
		return x.normOfTerms(ts, n, &x.idfs), ts
	}
	keys := slices.Grow(x.ranks[:0], len(ts))[:len(ts)]
	// A document's terms have some 250 frequencies among 450 terms, in
	// no order: whether the memo holds a term's IDF is a coin toss to the
	// branch predictor. So the frequencies the memo lacks are listed
	// first, without a branch, each once (its entry is claimed at once),
	// and their logarithms taken in a loop of their own.
	todo := slices.Grow(x.todo[:0], len(ts))[:len(ts)]
	nt := 0
	for i, t := range ts {
		df := *x.slots.df(t.slot)
		keys[i] = uint64(df) // until its rank replaces it
		e := &x.idfs.e[df&(memoSize-1)]
		k := uint64(n+1)<<32 | uint64(df)
		miss := 0
		if e.key != k {
			miss = 1
		}
		todo[nt] = df
		nt += miss
		e.key = k
	}
	for _, df := range todo[:nt] {
		x.idfs.store(n, int(df), idf(n, int(df)))
	}
	x.todo = todo
	var s float64
	for i, t := range ts {
		df := int(keys[i])
		f, ok := x.idfs.lookup(n, df)
		if !ok {
			f = idf(n, df) // another frequency took its entry
		}
		// As in normOfTerms, and summed in the same order, so that the
		// norm is the same to the bit.
		if df >= 2 || n < 3 {
			w := float64(t.w) * f
			s += w * w
		}
		keys[i] = rankKey(t.w*float32(f), t.slot)
	}
	// The keys are distinct, since the slots are: the Keep terms kept are
	// those whose key is at most the Keep-th smallest.
	sel := append(x.sel[:0], keys...)
	x.ranks, x.sel = keys, sel
	last := selectKth(sel, x.opt.Keep-1)
	out := x.top[:0]
	for i, t := range ts {
		if keys[i] <= last {
			out = append(out, t)
		}
	}
	x.top = out
	return math.Sqrt(s), out
}

// rankKey is a term's rank among a document's: of two keys, the smaller
// is that of the heavier term, and of two as heavy (as cmp.Compare has
// it: NaN under every number, and -0 as 0), that of the lower slot. Its
// top half is the weight's bits, ordered as numbers and turned over, its
// bottom half the slot, so that ranking is comparing integers.
func rankKey(w float32, slot int32) uint64 {
	var b uint32 // NaN, the lightest
	switch {
	case w != w:
	case w == 0:
		b = 1 << 31 // either zero
	case w < 0:
		b = ^math.Float32bits(w)
	default:
		b = math.Float32bits(w) | 1<<31
	}
	return uint64(^b)<<32 | uint64(uint32(slot))
}

// selectKth returns the k-th smallest of keys, from 0, and leaves keys
// reordered. It is quickselect: a full sort of a document's terms to keep
// a sixth of them did six times the work.
func selectKth(keys []uint64, k int) uint64 {
	lo, hi := 0, len(keys)-1
	for lo < hi {
		// The median of the first, middle and last is the pivot, moved
		// to hi.
		mid := lo + (hi-lo)/2
		if keys[mid] < keys[lo] {
			keys[mid], keys[lo] = keys[lo], keys[mid]
		}
		if keys[hi] < keys[mid] {
			keys[hi], keys[mid] = keys[mid], keys[hi]
			if keys[mid] < keys[lo] {
				keys[mid], keys[lo] = keys[lo], keys[mid]
			}
		}
		keys[mid], keys[hi] = keys[hi], keys[mid]
		// Whether a key goes before the pivot is a coin toss to the
		// branch predictor: every key is swapped, and the count of
		// those before moves on by a conditional move, not a branch.
		pivot, i := keys[hi], lo
		for j := lo; j < hi; j++ {
			v := keys[j]
			keys[j] = keys[i]
			keys[i] = v
			d := 0
			if v < pivot {
				d = 1
			}
			i += d
		}
		keys[i], keys[hi] = keys[hi], keys[i]
		switch {
		case i == k:
			return keys[i]
		case i < k:
			lo = i + 1
		default:
			hi = i - 1
		}
	}
	return keys[k]
}

// sortBySlot sorts ts by slot. Each term is packed into one word, its slot
// on top, and the words are radix sorted on the slot's bytes: the index
// sorts every document, and a comparison sort of structs through a
// function took several times as long.
func (x *Index) sortBySlot(ts []term) {
	keys := x.keys[:0]
	for _, t := range ts {
		keys = append(keys, uint64(uint32(t.slot))<<32|uint64(math.Float32bits(t.w)))
	}
	x.keys = keys
	if len(keys) < 64 {
		slices.Sort(keys)
	} else {
		x.spare = slices.Grow(x.spare[:0], len(keys))[:len(keys)]
		keys = radixSort(keys, x.spare, uint32(x.slots.len()))
	}
	for i, k := range keys {
		ts[i] = term{int32(k >> 32), math.Float32frombits(uint32(k))}
	}
}

// radixSort sorts keys by their top 32 bits, under limit, a byte at a
// time from the lowest, and returns whichever of keys and spare, of the
// same length, holds the result.
func radixSort(keys, spare []uint64, limit uint32) []uint64 {
	for shift := uint(0); shift < 32 && limit>>shift != 0; shift += 8 {
		var at [256]int
		for _, k := range keys {
			at[byte(k>>(32+shift))]++
		}
		sum := 0
		for d, c := range at {
			at[d] = sum
			sum += c
		}
		for _, k := range keys {
			d := byte(k >> (32 + shift))
			spare[at[d]] = k
			at[d]++
		}
		keys, spare = spare, keys
	}
	return keys
}

// prune forgets the terms seen in one document only, Horizon documents
// ago or more; if that frees too little, every such term.
func (x *Index) prune() {
	n := x.prints.len()
	// Each slot counted is one id in the table: the ids of the slots let
	// go are taken out of it at the end, in one pass, and counted until
	// then.
	gone := make([]uint64, (x.slots.len()+63)/64)
	// The documents that hold a slot let go are marked, and each of their
	// prints is cut once, at the end, rather than once for each of its
	// slots let go: that was a search and a copy of the print's tail for
	// each of millions of terms.
	hit := make([]uint64, (n+63)/64)
	left := x.ids.len()
	for _, horizon := range []int{n - x.opt.Horizon, n} {
		for s := range x.slots.len() {
			sl := x.slots.at(int32(s))
			if sl.df != 1 || int(sl.first) >= horizon {
				continue
			}
			hit[sl.first/64] |= 1 << (sl.first % 64)
			gone[s/64] |= 1 << (s % 64)
			left--
			x.posts.release(sl.posts, int32(n-1))
			*sl = slot{first: -1}
			x.free = append(x.free, int32(s))
			x.forgotten++
		}
		if left <= x.opt.MaxTerms*3/4 {
			break
		}
	}
	for w, marks := range hit {
		for marks != 0 {
			doc := w*64 + bits.TrailingZeros64(marks)
			marks &= marks - 1
			ts := x.prints.at(doc)
			k := 0
			for _, t := range ts {
				if gone[t.slot/64]&(1<<(t.slot%64)) == 0 {
					ts[k] = t
					k++
				}
			}
			// The array is left as deleting each term left it, the ends
			// cleared: last may be this print.
			clear(ts[k:])
			x.stored -= len(ts) - k
			x.prints.cut(doc, k)
		}
	}
	// Once a fifth of the room prints take is cut, they are moved
	// together. last may be a print, which is then moved: it keeps a
	// copy of what it read.
	if x.prints.held() > x.stored+x.stored/4+printChunk {
		x.last = slices.Clone(x.last)
		x.prints.compact()
	}
	x.ids.removeSlots(gone)
	// Should the table still be nearly full, let it grow rather than
	// prune again at every document.
	x.pruneAt = max(x.opt.MaxTerms, 2*x.ids.len())
}

// Query returns the documents added before doc whose cosine with it, by
// the terms both still post and the frequencies of the moment, is at
// least min: at most limit of them, best first. Terms too common to be
// posted do not count, so a score is a little under the full cosine.
func (x *Index) Query(doc int, min float64, limit int) []Candidate {
	n := x.prints.len()
	terms := x.prints.at(doc)
	if doc == n-1 && x.last != nil {
		terms = x.last
	}
	x.probe = x.appendProbe(x.probe[:0], terms, n)
	x.searcher.accumulate(doc, x.probe)
	nd := x.norm(doc)
	if nd != 0 {
		// rank reads the norms as they stand: bring those of the
		// documents it will read up to date first, as norm would.
		for _, d := range x.searcher.touched {
			if at := int(x.normAt[d]); at != fixedNorm && at != n && (at <= 0 || n >= 4*at) {
				x.norm(int(d))
			}
		}
	}
	return x.searcher.rank(nd, x.norms, min, limit)
}

// appendProbe appends to ps the terms of ts a query reads, with the
// weight each of their postings is scored by, in a collection of n.
func (x *Index) appendProbe(ps []probeTerm, ts []term, n int) []probeTerm {
	for _, t := range ts {
		sl := x.slots.at(t.slot)
		df := int(*x.slots.df(t.slot))
		if sl.posts == 0 || df < 2 {
			continue
		}
		f, ok := x.idfs.lookup(n, df)
		if !ok {
			f = idf(n, df)
			x.idfs.store(n, df, f)
		}
		ps = append(ps, probeTerm{t.w * float32(f*f), x.posts.slice(sl.posts, int(sl.n))})
	}
	return ps
}

// A Probe is the query of a document, taken when it is added, for a
// Searcher to run in another goroutine while the index goes on adding
// documents: what the query reads of the index as it was then.
type Probe struct {
	doc   int
	terms []probeTerm
	norms []float32 // of the documents up to doc, which no longer change
}

// probeTerm is a term of a query: the weight its postings score by, and
// its postings. A posting list only grows, and is moved rather than cut,
// and the block it leaves is not reused until the probe is released, so
// the postings of the moment stay as they were.
type probeTerm struct {
	q     float32
	posts []entry
}

// Probe returns the query of the document added last, to be run by a
// Searcher, and true; Searcher.Search then returns what Query would have.
// It returns false until the budget has been passed: until then, a
// query's norms are computed when it reads them, with the frequencies of
// the moment, so queries must run here, in order, with Query.
//
// A Probe no longer searched may be given back as reuse, so that its
// memory serves again; reuse may be nil. Once the probes of a document
// and of those before it are searched, Release must say so: until then,
// the postings the index lets go cannot serve again.
func (x *Index) Probe(reuse *Probe) (*Probe, bool) {
	if !x.truncated || x.last == nil {
		return nil, false
	}
	p := reuse
	if p == nil {
		p = new(Probe)
	}
	n := x.prints.len()
	held := len(p.terms)
	terms := x.appendProbe(p.terms[:0], x.last, n)
	if len(terms) < held {
		clear(terms[len(terms):held]) // let go of the postings it held
	}
	*p = Probe{doc: n - 1, terms: terms, norms: x.norms[:n:n]}
	x.posts.probed = int32(n - 1)
	return p, true
}

// Release says that the probes of document doc and of every document
// before it are searched, or will never be, so that the postings the
// index let go while they might read them can serve again.
func (x *Index) Release(doc int) {
	x.posts.released = max(x.posts.released, int32(doc))
}

// Searcher runs Probes. Searchers are independent of each other and of
// their index: each may run in its own goroutine. A Searcher is not safe
// for concurrent use.
type Searcher struct {
	acc     []score // by document
	query   uint32
	touched []int32
}

// Search returns the candidates of p's document, as Query.
func (s *Searcher) Search(p *Probe, min float64, limit int) []Candidate {
	s.accumulate(p.doc, p.terms)
	return s.rank(float64(p.norms[p.doc]), p.norms, min, limit)
}

// accumulate adds up the scores of the documents before doc that share
// terms with it, and lists in touched the documents it scored.
func (s *Searcher) accumulate(doc int, terms []probeTerm) {
	if len(s.acc) < doc {
		s.acc = append(s.acc, make([]score, doc-len(s.acc))...)
	}
	s.query++
	q := s.query
	// Postings are in document order: those of doc and after are at the
	// ends of the lists, and are cut off here rather than tested at every
	// posting. A document is listed at most once, and only for a posting,
	// so touched can be sized first and written without a test of room.
	// The lists are cut in place, once: what is cut is never read.
	total := 0
	for i := range terms {
		terms[i].posts = before(terms[i].posts, doc)
		total += len(terms[i].posts)
	}
	touched := slices.Grow(s.touched[:0], min(total, doc+1))[:min(total, doc+1)]
	acc := s.acc[:doc]
	nt := 0
	for _, t := range terms {
		nt = scatter(acc, t.posts, t.q, q, touched, nt)
	}
	s.touched = touched[:nt]
}

// scatter adds w times each posting of ps to its document's score in
// acc, for query q, and lists in touched, from nt on, the documents met
// for the first time; it returns the new length of the list. touched
// must have room for every posting.
func scatter(acc []score, ps []entry, w float32, q uint32, touched []int32, nt int) int {
	for _, e := range ps {
		// Whether a document is met for the first time is a coin toss to
		// the branch predictor: the tests below are conditional moves,
		// not branches. A document met again is listed again at the same
		// place, and the place is taken by the next.
		a := &acc[e.doc]
		v, fresh := math.Float32bits(a.acc), 0
		if a.mark != q {
			v, fresh = 0, 1
		}
		touched[nt] = e.doc
		nt += fresh
		*a = score{mark: q, acc: math.Float32frombits(v) + w*e.tf}
	}
	return nt
}

// before returns the postings of ps of the documents before doc: ps is in
// document order, and those of doc and after, if any, are at its end.
func before(ps []entry, doc int) []entry {
	for len(ps) > 0 && int(ps[len(ps)-1].doc) >= doc {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// rank returns the documents accumulated whose cosine, by the norm nd of
// the queried document and norms of the others, is at least min: at most
// limit of them, best first.
func (s *Searcher) rank(nd float64, norms []float32, min float64, limit int) []Candidate {
	touched := s.touched
	s.touched = s.touched[:0]
	if nd == 0 { // a document with no weight is like nothing
		return nil
	}
	// A score well under min times the two norms cannot make a cosine of
	// min, whatever the rounding of the division: most scores are, and
	// are set aside by a product rather than a quotient. The margin is
	// far above the rounding of the products, while they are of normal
	// size; a min of no normal size, or of none, is left to the division.
	lo := min * (1 - 1e-9)
	sure := min >= 0x1p-1000 && min <= math.MaxFloat64
	var out []Candidate
	for _, d := range touched {
		sc := float64(s.acc[d].acc)
		nn := float64(norms[d])
		if nn == 0 {
			continue
		}
		p := nd * nn
		if t := lo * p; sure && t >= 0x1p-1000 && sc < t {
			continue
		}
		if c := sc / p; c >= min {
			out = append(out, Candidate{int(d), math.Min(c, 1)})
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Cosine, a.Cosine); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc, b.Doc)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Freeze computes every document's norm with the frequencies of the
// moment. Until the next Add, Cosine then only reads, and is safe for
// concurrent use.
func (x *Index) Freeze(workers int) {
	n := x.prints.len()
	x.final = slices.Grow(x.final[:0], n)[:n]
	// Cosine reads the IDF of every term two documents share, millions
	// of pairs at the end of a large run; a logarithm each was most of
	// its time. Frequencies are at most n.
	x.finalIDF = slices.Grow(x.finalIDF[:0], n+1)[:n+1]
	for df := range x.finalIDF {
		x.finalIDF[df] = idf(n, df)
	}
	workers = max(workers, 1)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			var m idfMemo
			for doc := k; doc < n; doc += workers {
				x.final[doc] = float32(x.normOfTerms(x.prints.at(doc), n, &m))
			}
		})
	}
	wg.Wait()
	x.frozenAt = n
}

// fixedNorm, as normAt, marks a norm that cannot be computed again.
const fixedNorm = -1

// norm returns the norm Query divides a document's score by: that of its
// full print. It is recomputed only when the collection has grown
// fourfold since it was last computed, and never once the print has been
// cut: IDF moves slowly, and mostly upwards for the rare terms that weigh
// most, so a stale norm is a little low and the score a little high: a
// query finds more candidates, never fewer.
func (x *Index) norm(doc int) float64 {
	n := x.prints.len()
	if at := int(x.normAt[doc]); at == fixedNorm || at == n || at > 0 && n < 4*at {
		return float64(x.norms[doc])
	}
	x.norms[doc] = float32(x.normOfTerms(x.prints.at(doc), n, &x.idfs))
	x.normAt[doc] = int32(n)
	return float64(x.norms[doc])
}

// normOfTerms computes the norm of a document's terms in a collection of
// n; it only reads the index, and m, which may be nil.
func (x *Index) normOfTerms(ts []term, n int, m *idfMemo) float64 {
	var s float64
	for _, t := range ts {
		df := int(*x.slots.df(t.slot))
		if df < 2 && n >= 3 {
			continue // a term of one document links nothing
		}
		var f float64
		ok := false
		if m != nil {
			f, ok = m.lookup(n, df)
		}
		if !ok {
			f = idf(n, df)
			if m != nil {
				m.store(n, df, f)
			}
		}
		w := float64(t.w) * f
		s += w * w
	}
	return math.Sqrt(s)
}

// Cosine returns the TF-IDF cosine of documents a and b with the
// document frequencies of the moment, over every term they store. It is
// safe for concurrent use after Freeze, until the next Add.
func (x *Index) Cosine(a, b int) float64 {
	n := x.prints.len()
	var na, nb float64
	frozen := x.frozenAt == n
	if frozen {
		na, nb = float64(x.final[a]), float64(x.final[b])
	} else {
		na, nb = x.normOfTerms(x.prints.at(a), n, nil), x.normOfTerms(x.prints.at(b), n, nil)
	}
	if na == 0 || nb == 0 {
		return 0
	}
	pa, pb := x.prints.at(a), x.prints.at(b)
	var s float64
	i, j := 0, 0
	for i < len(pa) && j < len(pb) {
		switch {
		case pa[i].slot == pb[j].slot:
			var f float64
			if df := int(*x.slots.df(pa[i].slot)); frozen {
				f = x.finalIDF[df]
			} else {
				f = idf(n, df)
			}
			s += float64(pa[i].w*pb[j].w) * f * f
			i++
			j++
		case pa[i].slot < pb[j].slot:
			i++
		default:
			j++
		}
	}
	return math.Min(s/(na*nb), 1)
}

// idf is the inverse document frequency of a term in df of n documents.
// Under three documents every term weighs the same: frequencies say
// nothing yet.
func idf(n, df int) float64 {
	if n < 3 {
		return 1
	}
	return math.Log(float64(n+1) / float64(df+1))
}

// smallTFWeight returns the weight of a count of tf, as dampTF gives it,
// and true, if tf is a small whole number, as counts most often are; it
// returns false for others, for its callers to call dampTF. It is small
// enough to be inlined: a call in a loop costs more than the lookup.
func smallTFWeight(tf float32) (float32, bool) {
	if i := int32(tf); float32(i) == tf && uint32(i-1) < uint32(len(tfWeights)-1) {
		return tfWeights[i], true
	}
	return 0, false
}

// dampTF damps repeated terms: the tenth mention of a name says less than
// the first.
func dampTF(tf float32) float32 {
	if tf < 1 {
		return tf
	}
	return 1 + float32(math.Log(float64(tf)))
}

// tfWeights holds dampTF of the small whole counts. It is never changed.
var tfWeights = func() (w [64]float32) {
	for i := range w {
		w[i] = dampTF(float32(i))
	}
	return w
}()

// idfMemo remembers idf(n, df) for one collection size at a time: adding
// and querying a document reads the IDF of each of its hundreds of terms
// two or three times, many of them of one df, and a logarithm costs more
// than the rest of a term's work. It is a direct-mapped cache by df.
type idfMemo struct {
	e [memoSize]memoEntry
}

type memoEntry struct {
	key uint64 // n+1 and df: the zero entry matches no lookup
	idf float64
}

const memoSize = 4096

// lookup returns idf(n, df) and true if the memo holds it, and false if
// not, for its callers to compute it and store it. Both are small enough
// to be inlined: a call in a loop costs more than the lookup.
func (m *idfMemo) lookup(n, df int) (float64, bool) {
	e := &m.e[df&(memoSize-1)]
	return e.idf, e.key == uint64(n+1)<<32|uint64(uint32(df))
}

// store remembers f as idf(n, df).
func (m *idfMemo) store(n, df int, f float64) {
	m.e[df&(memoSize-1)] = memoEntry{uint64(n+1)<<32 | uint64(uint32(df)), f}
}

// slotTable holds slots in fixed chunks, so that growing it never copies
// what it holds: a table of millions of terms would otherwise be copied
// again at every doubling. A term's document frequency is in its slot,
// with where its postings are: adding a document counts each of its
// terms, and querying it then finds their postings, and the count brings
// that into the processor's cache. A slot holds no pointer, so neither
// does the table, and the garbage collector need not scan it.
type slotTable struct {
	chunks []*[chunkSize]slot // arrays, not slices: a slot's index needs no bounds check
	n      int
}

const (
	chunkShift = 16
	chunkSize  = 1 << chunkShift
)

func (t *slotTable) at(s int32) *slot {
	return &t.chunks[uint32(s)>>chunkShift][uint32(s)%chunkSize]
}

func (t *slotTable) df(s int32) *uint32 { return &t.at(s).df }

func (t *slotTable) len() int { return t.n }

// touch reads the slots of ts, and returns nothing of use; see
// termTable.touch.
func (t *slotTable) touch(ts []term) uint64 {
	var sink uint64
	for _, term := range ts {
		sink += uint64(t.at(term.slot).df)
	}
	return sink
}

func (t *slotTable) add(sl slot) int32 {
	if t.n == len(t.chunks)*chunkSize {
		t.chunks = append(t.chunks, new([chunkSize]slot))
	}
	s := int32(t.n)
	*t.at(s) = sl
	t.n++
	return s
}
