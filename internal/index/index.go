package index

import (
	"cmp"
	"math"
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
type slot struct {
	id    uint32
	first int32   // the first document the term was seen in
	posts []entry // nil once df passes the cap
}

// term is one term of a stored document.
type term struct {
	slot int32
	tf   float32
}

// Index is an inverted index of fingerprints. It is not safe for
// concurrent use, except as Freeze says.
type Index struct {
	opt       Options
	ids       map[uint32]int32 // term id to slot
	slots     slotTable
	free      []int32 // slots of forgotten terms, for reuse
	pruneAt   int
	forgotten int
	prints    [][]term // by document, sorted by slot
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
	frozenAt  int
	stored    int
	truncated bool

	acc     []float32 // Query's scores, by document
	mark    []uint32  // the query that last touched a document's score
	query   uint32
	touched []int32
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
	return &Index{opt: opt, ids: make(map[uint32]int32, 1<<16), pruneAt: opt.MaxTerms}
}

// Len returns the number of documents added.
func (x *Index) Len() int { return len(x.prints) }

// Truncated reports whether the budget has been passed, so that documents
// now keep only their most distinctive terms.
func (x *Index) Truncated() bool { return x.truncated }

// Terms returns the number of distinct terms counted, and the number
// forgotten so far.
func (x *Index) Terms() (counted, forgotten int) { return len(x.ids), x.forgotten }

// Add adds a document's print and returns its number: 0 for the first,
// then counting up.
func (x *Index) Add(p fingerprint.Print) int {
	doc := len(x.prints)
	ts := make([]term, len(p))
	for i, t := range p {
		s, ok := x.ids[t.ID]
		if !ok {
			s = x.newSlot(t.ID, doc)
		}
		*x.slots.df(s)++
		ts[i] = term{s, t.TF}
	}
	x.last = ts
	// A norm is computed when first needed, from the stored print; once
	// prints are cut, it must be computed now, from the full one.
	var norm float32
	var at int32
	if x.truncated {
		norm, at = float32(x.normOfTerms(ts, doc+1)), fixedNorm
		ts = x.top(ts, doc+1)
	}
	slices.SortFunc(ts, func(a, b term) int { return cmp.Compare(a.slot, b.slot) })
	x.post(doc, ts)
	x.prints = append(x.prints, ts)
	x.norms = append(x.norms, norm)
	x.normAt = append(x.normAt, at)
	x.stored += len(ts)
	if !x.truncated && x.stored > x.opt.Budget {
		x.truncate()
	}
	if len(x.ids) > x.pruneAt {
		x.prune()
	}
	return doc
}

func (x *Index) newSlot(id uint32, doc int) int32 {
	var s int32
	if n := len(x.free); n > 0 {
		s, x.free = x.free[n-1], x.free[:n-1]
		*x.slots.at(s) = slot{id: id, first: int32(doc)}
	} else {
		s = x.slots.add(slot{id: id, first: int32(doc)})
	}
	x.ids[id] = s
	return s
}

// post adds doc to the postings of its terms, or drops a term's postings
// for good once it passes the cap.
func (x *Index) post(doc int, ts []term) {
	for _, t := range ts {
		sl := x.slots.at(t.slot)
		if *x.slots.df(t.slot) > uint32(x.opt.PostingCap) {
			sl.posts = nil
			continue
		}
		sl.posts = append(sl.posts, entry{int32(doc), tfWeight(t.tf)})
	}
}

// truncate cuts every stored print to its most distinctive terms and
// rebuilds the postings from what is left.
func (x *Index) truncate() {
	x.truncated = true
	x.stored = 0
	for s := range x.slots.len() {
		x.slots.at(int32(s)).posts = nil
	}
	n := len(x.prints)
	for doc, ts := range x.prints {
		x.norms[doc], x.normAt[doc] = float32(x.normOfTerms(ts, n)), fixedNorm
		ts = x.top(ts, n)
		slices.SortFunc(ts, func(a, b term) int { return cmp.Compare(a.slot, b.slot) })
		x.prints[doc] = ts
		x.stored += len(ts)
		x.post(doc, ts)
	}
}

// top returns ts's Keep terms of highest TF-IDF weight in a collection
// of n, in a slice of their own.
func (x *Index) top(ts []term, n int) []term {
	if len(ts) <= x.opt.Keep {
		return ts
	}
	type weighed struct {
		t term
		w float32
	}
	ws := make([]weighed, len(ts))
	for i, t := range ts {
		ws[i] = weighed{t, tfWeight(t.tf) * float32(idf(n, int(*x.slots.df(t.slot))))}
	}
	slices.SortFunc(ws, func(a, b weighed) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.t.slot, b.t.slot)
	})
	out := make([]term, x.opt.Keep)
	for i := range out {
		out[i] = ws[i].t
	}
	return out
}

// prune forgets the terms seen in one document only, Horizon documents
// ago or more; if that frees too little, every such term.
func (x *Index) prune() {
	n := len(x.prints)
	for _, horizon := range []int{n - x.opt.Horizon, n} {
		for s := range x.slots.len() {
			sl := x.slots.at(int32(s))
			if *x.slots.df(int32(s)) != 1 || int(sl.first) >= horizon {
				continue
			}
			ts := x.prints[sl.first]
			if i, ok := slices.BinarySearchFunc(ts, int32(s), func(t term, s int32) int { return cmp.Compare(t.slot, s) }); ok {
				x.prints[sl.first] = slices.Delete(ts, i, i+1)
				x.stored--
			}
			delete(x.ids, sl.id)
			*sl, *x.slots.df(int32(s)) = slot{first: -1}, 0
			x.free = append(x.free, int32(s))
			x.forgotten++
		}
		if len(x.ids) <= x.opt.MaxTerms*3/4 {
			break
		}
	}
	// Should the table still be nearly full, let it grow rather than
	// prune again at every document.
	x.pruneAt = max(x.opt.MaxTerms, 2*len(x.ids))
}

// Query returns the documents added before doc whose cosine with it, by
// the terms both still post and the frequencies of the moment, is at
// least min: at most limit of them, best first. Terms too common to be
// posted do not count, so a score is a little under the full cosine.
func (x *Index) Query(doc int, min float64, limit int) []Candidate {
	n := len(x.prints)
	for len(x.acc) < n {
		x.acc = append(x.acc, 0)
		x.mark = append(x.mark, 0)
	}
	x.query++
	terms := x.prints[doc]
	if doc == n-1 && x.last != nil {
		terms = x.last
	}
	for _, t := range terms {
		sl := x.slots.at(t.slot)
		df := int(*x.slots.df(t.slot))
		if sl.posts == nil || df < 2 {
			continue
		}
		f := idf(n, df)
		q := tfWeight(t.tf) * float32(f*f)
		for _, e := range sl.posts {
			if int(e.doc) >= doc {
				break // postings are in document order
			}
			if x.mark[e.doc] != x.query {
				x.mark[e.doc] = x.query
				x.acc[e.doc] = 0
				x.touched = append(x.touched, e.doc)
			}
			x.acc[e.doc] += q * e.tf
		}
	}
	var out []Candidate
	nd := x.norm(doc)
	for _, d := range x.touched {
		s := float64(x.acc[d])
		if nd == 0 {
			continue
		}
		nn := x.norm(int(d))
		if nn == 0 {
			continue
		}
		if c := s / (nd * nn); c >= min {
			out = append(out, Candidate{int(d), math.Min(c, 1)})
		}
	}
	x.touched = x.touched[:0]
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
	n := len(x.prints)
	x.final = slices.Grow(x.final[:0], n)[:n]
	workers = max(workers, 1)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			for doc := k; doc < n; doc += workers {
				x.final[doc] = float32(x.normOfTerms(x.prints[doc], n))
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
	n := len(x.prints)
	if at := int(x.normAt[doc]); at == fixedNorm || at == n || at > 0 && n < 4*at {
		return float64(x.norms[doc])
	}
	x.norms[doc] = float32(x.normOfTerms(x.prints[doc], n))
	x.normAt[doc] = int32(n)
	return float64(x.norms[doc])
}

// normOfTerms computes the norm of a document's terms in a collection of
// n; it only reads the index.
func (x *Index) normOfTerms(ts []term, n int) float64 {
	var s float64
	for _, t := range ts {
		df := int(*x.slots.df(t.slot))
		if df < 2 && n >= 3 {
			continue // a term of one document links nothing
		}
		w := float64(tfWeight(t.tf)) * idf(n, df)
		s += w * w
	}
	return math.Sqrt(s)
}

// Cosine returns the TF-IDF cosine of documents a and b with the
// document frequencies of the moment, over every term they store. It is
// safe for concurrent use after Freeze, until the next Add.
func (x *Index) Cosine(a, b int) float64 {
	n := len(x.prints)
	var na, nb float64
	if x.frozenAt == n {
		na, nb = float64(x.final[a]), float64(x.final[b])
	} else {
		na, nb = x.normOfTerms(x.prints[a], n), x.normOfTerms(x.prints[b], n)
	}
	if na == 0 || nb == 0 {
		return 0
	}
	pa, pb := x.prints[a], x.prints[b]
	var s float64
	i, j := 0, 0
	for i < len(pa) && j < len(pb) {
		switch {
		case pa[i].slot == pb[j].slot:
			f := idf(n, int(*x.slots.df(pa[i].slot)))
			s += float64(tfWeight(pa[i].tf)*tfWeight(pb[j].tf)) * f * f
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

// tfWeight damps repeated terms: the tenth mention of a name says less
// than the first.
func tfWeight(tf float32) float32 {
	if tf < 1 {
		return tf
	}
	return 1 + float32(math.Log(float64(tf)))
}

// slotTable holds slots in fixed chunks, so that growing it never copies
// what it holds: a table of millions of terms would otherwise be copied
// again at every doubling. Document frequencies are kept apart from the
// rest, in a table a tenth the size: they are read and counted for every
// term of every document, and a small table stays in the processor's
// cache where a large one would miss at every term.
type slotTable struct {
	chunks [][]slot
	dfs    [][]uint32
	n      int
}

const (
	chunkShift = 16
	chunkSize  = 1 << chunkShift
)

func (t *slotTable) at(s int32) *slot { return &t.chunks[s>>chunkShift][s&(chunkSize-1)] }

func (t *slotTable) df(s int32) *uint32 { return &t.dfs[s>>chunkShift][s&(chunkSize-1)] }

func (t *slotTable) len() int { return t.n }

func (t *slotTable) add(sl slot) int32 {
	if t.n == len(t.chunks)*chunkSize {
		t.chunks = append(t.chunks, make([]slot, chunkSize))
		t.dfs = append(t.dfs, make([]uint32, chunkSize))
	}
	s := int32(t.n)
	*t.at(s), *t.df(s) = sl, 0
	t.n++
	return s
}
