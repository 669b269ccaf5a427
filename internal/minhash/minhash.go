package minhash

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Defaults of Options.
const (
	DefaultShingle   = 5
	DefaultHashes    = 128
	DefaultThreshold = 0.7
	DefaultBucketCap = 1000
)

// Options configures an Index. Zero fields take their defaults.
type Options struct {
	Shingle   int     // words per shingle, default 5
	Hashes    int     // signature length, default 128
	Bands     int     // LSH bands; Hashes/Bands rows per band; default chosen so the S-curve threshold (1/b)^(1/r) is near Threshold
	Threshold float64 // Jaccard at which a pair is reported, default 0.7
	BucketCap int     // most documents kept in one bucket's posting list, default 1000 (see the package comment)
	Expect    int     // documents expected, optional: sizes the bucket table and per-document arrays up front, saving the work of growing them
}

// withDefaults fills the zero (or out of range) fields of o.
func (o Options) withDefaults() Options {
	if o.Shingle <= 0 {
		o.Shingle = DefaultShingle
	}
	if o.Hashes <= 0 {
		o.Hashes = DefaultHashes
	}
	if o.Threshold <= 0 || o.Threshold > 1 || math.IsNaN(o.Threshold) {
		o.Threshold = DefaultThreshold
	}
	if o.Bands <= 0 {
		o.Bands = bestBands(o.Hashes, o.Threshold)
	}
	if o.Bands > o.Hashes {
		o.Bands = o.Hashes
	}
	if o.BucketCap <= 0 {
		o.BucketCap = DefaultBucketCap
	}
	return o
}

// bestBands returns the number of bands b, with r = hashes/b rows each,
// whose S-curve threshold (1/b)^(1/r) is nearest t; on a tie the lower
// threshold (more recall) wins.
func bestBands(hashes int, t float64) int {
	best, bestDiff, bestT := 1, math.Inf(1), 1.0
	for b := 1; b <= hashes; b++ {
		r := hashes / b
		st := SCurveThreshold(b, r)
		d := math.Abs(st - t)
		if d < bestDiff-1e-12 || (math.Abs(d-bestDiff) <= 1e-12 && st < bestT) {
			best, bestDiff, bestT = b, d, st
		}
	}
	return best
}

// SCurveThreshold returns (1/bands)^(1/rows), the Jaccard similarity at
// which the LSH candidate probability 1-(1-J^rows)^bands rises most
// steeply.
func SCurveThreshold(bands, rows int) float64 {
	return math.Pow(1/float64(bands), 1/float64(rows))
}

// CandidateProbability returns 1-(1-j^rows)^bands, the probability that
// two documents of Jaccard similarity j share at least one LSH bucket.
func CandidateProbability(j float64, bands, rows int) float64 {
	return 1 - math.Pow(1-math.Pow(j, float64(rows)), float64(bands))
}

// Signature is a document's MinHash signature: Hashes slots, each the
// minimum of one hash function over the document's shingles. A document
// without words has an empty (nil) signature.
type Signature []uint32

// Similarity returns the estimated Jaccard similarity of the shingle sets
// behind two signatures of one Index: the share of equal slots. It is 0
// when either is empty or their lengths differ.
func (s Signature) Similarity(t Signature) float64 {
	if len(s) == 0 || len(s) != len(t) {
		return 0
	}
	t = t[:len(s)]
	eq := 0
	for i, v := range s {
		if v == t[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(s))
}

// Match is an earlier document found similar to the one added.
type Match struct {
	ID      uint32  // the id it was added with
	Jaccard float64 // estimated Jaccard similarity of word shingles
}

// chunkDocs is the number of signatures stored in one chunk: storage
// grows a chunk at a time, without the slack and copying of one growing
// slab.
const chunkDocs = 4096

// bucket is one LSH bucket. A bucket of one document keeps it inline in v;
// a larger one keeps its posting list in Index.lists[v].
type bucket struct {
	n uint32 // documents in the bucket, at most the cap
	v uint32 // n == 1: the document's number; n > 1: index into lists
}

// Index finds, as documents are added one by one, the earlier documents whose
// estimated Jaccard similarity of word shingles reaches the threshold.
type Index struct {
	opt  Options
	rows int
	need int // equal slots needed to reach the threshold

	// Permutations: h_i(x) = uint32((mulA[i]*x + addB[i]) >> 32).
	mulA, addB []uint64

	// Documents, by internal number (order of Add among non-empty ones).
	ids  []uint32   // caller's id
	sigs [][]uint32 // signatures, Hashes slots each, back to back in chunks of chunkDocs
	sums []uint64   // xxh3 of each signature: equal sums stand for equal signatures
	seen []uint32   // stamp of the last Add that made the document a candidate
	cand []uint32   // scratch for Add's candidates

	buckets map[uint64]bucket // key: band number and band slots hashed
	lists   [][]uint32        // posting lists of buckets with more than one document

	adds    uint32    // Add calls, for the seen stamps
	keyBuf  []byte    // band bytes for bandKey
	sigBuf  []byte    // signature bytes for its sum
	scratch sync.Pool // *scratch for Signature
}

type scratch struct {
	buf    []byte  // the text's words, lower-cased, one space apart
	starts []int32 // where each word starts in buf
	hashes []uint64
}

// New returns an empty Index.
func New(opt Options) *Index {
	opt = opt.withDefaults()
	x := &Index{
		opt:     opt,
		rows:    opt.Hashes / opt.Bands,
		buckets: make(map[uint64]bucket, max(opt.Expect, 0)*opt.Bands),
	}
	if opt.Expect > 0 {
		x.ids = make([]uint32, 0, opt.Expect)
		x.sums = make([]uint64, 0, opt.Expect)
		x.seen = make([]uint32, 0, opt.Expect)
	}
	x.need = int(math.Ceil(opt.Threshold*float64(opt.Hashes) - 1e-9))
	if x.need < 1 {
		x.need = 1
	}
	x.keyBuf = make([]byte, 4*x.rows)
	x.sigBuf = make([]byte, 4*opt.Hashes)
	// Fixed seed: signatures are the same in every run.
	seed := uint64(0x6d696e6861736821) // "minhash!"
	x.mulA = make([]uint64, opt.Hashes)
	x.addB = make([]uint64, opt.Hashes)
	for i := range x.mulA {
		x.mulA[i] = splitmix64(&seed) | 1
		x.addB[i] = splitmix64(&seed)
	}
	x.scratch.New = func() any { return new(scratch) }
	return x
}

func splitmix64(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Options returns the options in effect, defaults filled in.
func (x *Index) Options() Options { return x.opt }

// Rows returns the signature slots per LSH band, Hashes/Bands.
func (x *Index) Rows() int { return x.rows }

// Len returns the number of documents indexed (those with a non-empty
// signature).
func (x *Index) Len() int { return len(x.ids) }

// Buckets returns the number of LSH buckets in use.
func (x *Index) Buckets() int { return len(x.buckets) }

// Shingles returns the 64-bit xxh3 hashes of the document's word
// shingles, sorted and without repeats: the set whose Jaccard similarity
// signatures estimate. Safe for concurrent use.
func (x *Index) Shingles(text string) []uint64 {
	s := x.scratch.Get().(*scratch)
	defer x.scratch.Put(s)
	h := slices.Clone(x.shingles(s, text))
	slices.Sort(h)
	return slices.Compact(h)
}

// Signature computes a document's MinHash signature (safe for concurrent
// use), so callers can compute signatures in parallel and Add them in
// order. A text without words gives a nil signature.
func (x *Index) Signature(text string) Signature {
	s := x.scratch.Get().(*scratch)
	defer x.scratch.Put(s)
	hs := x.shingles(s, text)
	if len(hs) == 0 {
		return nil
	}
	sig := make(Signature, x.opt.Hashes)
	mulA, addB := x.mulA[:len(sig)], x.addB[:len(sig)]
	for i := range sig {
		a, b := mulA[i], addB[i]
		m := uint32(math.MaxUint32)
		for _, h := range hs {
			m = min(m, uint32((a*h+b)>>32))
		}
		sig[i] = m
	}
	return sig
}

// shingles splits text into words and returns the xxh3 hash of every
// shingle (words joined by one space), in s.hashes.
func (x *Index) shingles(s *scratch, text string) []uint64 {
	buf, starts := s.buf[:0], s.starts[:0]
	in := false
	// startWord begins a word at the first letter after a separator.
	startWord := func() {
		if !in {
			if len(buf) > 0 {
				buf = append(buf, ' ')
			}
			starts = append(starts, int32(len(buf)))
			in = true
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				in = false
				continue
			}
			startWord()
			buf = append(buf, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || in && unicode.IsMark(r)) {
			in = false
			continue
		}
		startWord()
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	s.buf, s.starts = buf, starts

	hs := s.hashes[:0]
	k := x.opt.Shingle
	switch n := len(starts); {
	case n == 0:
	case n <= k:
		hs = append(hs, xxh3.Hash(buf))
	default:
		for i := 0; i+k <= n; i++ {
			end := len(buf)
			if i+k < n {
				end = int(starts[i+k]) - 1
			}
			hs = append(hs, xxh3.Hash(buf[starts[i]:end]))
		}
	}
	s.hashes = hs
	return hs
}

// Add adds document id with its signature and returns the matches among
// documents added before: candidates from LSH buckets, kept when the
// estimated Jaccard (share of equal signature slots) >= Threshold.
// Matches are in the order their documents were added. An empty signature
// is not indexed and matches nothing. The signature is copied. Not safe
// for concurrent use.
//
// A bucket that already holds BucketCap documents is searched but not
// added to; see the package comment.
func (x *Index) Add(id uint32, sig Signature) []Match {
	if len(sig) == 0 {
		return nil
	}
	if len(sig) != x.opt.Hashes {
		panic(fmt.Sprintf("minhash: signature of %d slots, index uses %d", len(sig), x.opt.Hashes))
	}
	if len(x.ids) == math.MaxUint32 {
		panic("minhash: index full")
	}
	x.adds++
	stamp := x.adds
	doc := uint32(len(x.ids))
	x.seen = append(x.seen, stamp) // doc is no candidate of its own

	// Gather the candidates, each once, from the buckets of the bands.
	seen, cand := x.seen, x.cand[:0]
	capN := uint32(x.opt.BucketCap)
	for b := 0; b < x.opt.Bands; b++ {
		key := x.bandKey(b, sig[b*x.rows:(b+1)*x.rows])
		bk, ok := x.buckets[key]
		switch {
		case !ok:
			x.buckets[key] = bucket{n: 1, v: doc}
		case bk.n == 1:
			if d := bk.v; seen[d] != stamp {
				seen[d] = stamp
				cand = append(cand, d)
			}
			if capN > 1 {
				x.lists = append(x.lists, []uint32{bk.v, doc})
				x.buckets[key] = bucket{n: 2, v: uint32(len(x.lists) - 1)}
			}
		default:
			list := x.lists[bk.v]
			for _, d := range list {
				if seen[d] != stamp {
					seen[d] = stamp
					cand = append(cand, d)
				}
			}
			if bk.n < capN {
				x.lists[bk.v] = append(list, doc)
				bk.n++
				x.buckets[key] = bk
			}
		}
	}
	x.cand = cand

	// Keep those with enough equal slots.
	hashes := x.opt.Hashes
	maxMiss := hashes - x.need
	sum := x.sum(sig)
	var out []Match
	for _, d := range cand {
		eq := hashes
		if x.sums[d] != sum {
			// Unequal signatures: count the unequal slots, giving up as
			// soon as there are too many. (Equal sums stand for equal
			// signatures, up to a 2^-64 chance, so that exact copies,
			// and a degenerate corpus of them, cost one comparison
			// each instead of Hashes.)
			o := int(d%chunkDocs) * hashes
			other := x.sigs[d/chunkDocs][o : o+hashes]
			other = other[:len(sig)]
			miss := 0
			for i, v := range sig {
				if v != other[i] {
					miss++
				}
				if miss > maxMiss {
					break
				}
			}
			if miss > maxMiss {
				continue
			}
			eq = hashes - miss
		}
		if out == nil {
			out = make([]Match, 0, len(cand))
		}
		out = append(out, Match{ID: d, Jaccard: float64(eq) / float64(hashes)})
	}

	x.ids = append(x.ids, id)
	if doc%chunkDocs == 0 {
		x.sigs = append(x.sigs, make([]uint32, 0, chunkDocs*hashes))
	}
	last := len(x.sigs) - 1
	x.sigs[last] = append(x.sigs[last], sig...)
	x.sums = append(x.sums, sum)

	// Matches in the order their documents were added; ID holds the
	// internal number until here.
	if !slices.IsSortedFunc(out, byID) {
		slices.SortFunc(out, byID)
	}
	for i := range out {
		out[i].ID = x.ids[out[i].ID]
	}
	return out
}

func byID(a, b Match) int { return cmp.Compare(a.ID, b.ID) }

// sum hashes a whole signature.
func (x *Index) sum(sig Signature) uint64 {
	buf := x.sigBuf[:0]
	for _, v := range sig {
		buf = binary.LittleEndian.AppendUint32(buf, v)
	}
	return xxh3.Hash(buf)
}

// bandKey hashes band number b and its slots to a bucket key.
func (x *Index) bandKey(b int, band []uint32) uint64 {
	buf := x.keyBuf[:0]
	for _, v := range band {
		buf = binary.LittleEndian.AppendUint32(buf, v)
	}
	return xxh3.HashSeed(buf, uint64(b))
}
